using System.Globalization;

namespace CaseFlow.Terms;

/// <summary>A patron saint's day, the same month and day every year ("MM-DD").</summary>
public readonly record struct PatronDay(int Month, int Day)
{
    /// <summary>Parses "MM-DD" (e.g. "12-07" for Sant'Ambrogio in Milan); 29 February counts only in leap years.</summary>
    public static bool TryParse(string? text, out PatronDay patronDay)
    {
        patronDay = default;
        // A leap year accepts every real month-day pair, 02-29 included.
        if (text is null || !DateOnly.TryParseExact("2000-" + text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return false;
        }

        patronDay = new PatronDay(date.Month, date.Day);
        return true;
    }

    public bool Matches(DateOnly date) => date.Month == Month && date.Day == Day;

    public override string ToString() => $"{Month:00}-{Day:00}";
}
