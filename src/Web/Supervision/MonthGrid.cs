using System.Globalization;
using CaseFlow.Cases.Deadlines;
using CaseFlow.Cases.LegalClock;

namespace CaseFlow.Web.Supervision;

/// <summary>One day of the month view: its due dates (over the offices shown), whether it is a peak day, the declared peak periods it falls in.</summary>
public sealed record MonthDay(DateOnly Date, int Count, bool Peak, IReadOnlyList<string> Periods);

/// <summary>
/// The scadenziario's data laid out as a month: weeks from Monday, days outside the month left empty. Only arranges
/// what the desk's calendar computed (counts, peaks, periods); it decides nothing.
/// </summary>
public sealed record MonthGrid(DateOnly First, IReadOnlyList<IReadOnlyList<MonthDay?>> Weeks)
{
    public static bool TryParseMonth(string? text, out DateOnly first)
    {
        first = default;
        if (!DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) || month.Year is < 2000 or > 2100)
        {
            return false;
        }

        first = DateOnly.FromDateTime(month);
        return true;
    }

    public static DateOnly Last(DateOnly first) => first.AddMonths(1).AddDays(-1);

    public static MonthGrid Of(DateOnly first, CalendarView view)
    {
        var counts = view.Offices.SelectMany(o => o.Days).GroupBy(d => d.Date).ToDictionary(g => g.Key, g => (Count: g.Sum(d => d.Count), Peak: g.Any(d => d.Peak)));
        var periods = view.Offices.SelectMany(o => o.PeakPeriods).DistinctBy(p => (p.Name, p.From, p.To)).ToList();
        var weeks = new List<IReadOnlyList<MonthDay?>>();
        var week = new MonthDay?[7];
        var offset = ((int)first.DayOfWeek + 6) % 7;
        for (var day = first; day <= Last(first); day = day.AddDays(1))
        {
            var column = (offset + day.Day - 1) % 7;
            var (count, peak) = counts.GetValueOrDefault(day);
            week[column] = new MonthDay(day, count, peak, [.. periods.Where(p => Covers(p, day)).Select(p => p.Name)]);
            if (column == 6 || day == Last(first))
            {
                weeks.Add(week);
                week = new MonthDay?[7];
            }
        }

        return new MonthGrid(first, weeks);
    }

    /// <summary>A period "MM-DD" to "MM-DD"; one that runs over New Year (12-15 to 01-10) covers both ends.</summary>
    public static bool Covers(PeakPeriod period, DateOnly day)
    {
        var key = day.ToString("MM-dd", CultureInfo.InvariantCulture);
        return string.CompareOrdinal(period.From, period.To) <= 0
            ? string.CompareOrdinal(key, period.From) >= 0 && string.CompareOrdinal(key, period.To) <= 0
            : string.CompareOrdinal(key, period.From) >= 0 || string.CompareOrdinal(key, period.To) <= 0;
    }
}
