using System.Diagnostics.CodeAnalysis;

namespace CaseFlow.Terms;

/// <summary>
/// One agency's days off on top of the national holidays: its patron saint's day, its extraordinary closures, and
/// whether a term ending on a Saturday moves to the next working day (only where the agency says so).
/// </summary>
public sealed record AgencyCalendar(PatronDay? PatronDay = null, bool SaturdayRollsOver = false, IReadOnlyList<DateOnly>? Closures = null)
{
    /// <summary>The national calendar only.</summary>
    public static readonly AgencyCalendar National = new();

    /// <summary>A national holiday, the patron's day or a closure (weekends are not holidays here).</summary>
    public bool IsHoliday(DateOnly date, [NotNullWhen(true)] out ClockMove? reason)
    {
        reason = ItalianHolidays.On(date) is { } holiday ? new ClockMove(date, MoveCodes.Holiday, $"festività: {holiday.Name}")
            : PatronDay is { } patron && patron.Matches(date) ? new ClockMove(date, MoveCodes.Patron, "festa del santo patrono")
            : Closures is { } closures && closures.Contains(date) ? new ClockMove(date, MoveCodes.Closure, "chiusura straordinaria")
            : null;
        return reason is not null;
    }

    /// <summary>Art. 14-bis working days: Monday to Friday, not a holiday.</summary>
    public bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsHoliday(date, out _);

    /// <summary>
    /// Whether a term whose last day is <paramref name="date"/> moves to the next day (art. 2963 c.c. by analogy):
    /// holidays and Sundays always, Saturdays only when the agency configures it.
    /// </summary>
    public bool MovesDeadline(DateOnly date, [NotNullWhen(true)] out ClockMove? reason)
    {
        reason = IsHoliday(date, out var holiday) ? holiday
            : date.DayOfWeek == DayOfWeek.Sunday ? new ClockMove(date, MoveCodes.Sunday, "domenica")
            : date.DayOfWeek == DayOfWeek.Saturday && SaturdayRollsOver ? new ClockMove(date, MoveCodes.Saturday, "sabato (configurato dall'ente)")
            : null;
        return reason is not null;
    }
}
