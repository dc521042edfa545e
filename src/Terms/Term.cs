using System.Globalization;
using System.Text.RegularExpressions;

namespace CaseFlow.Terms;

/// <summary>A legal term: calendar days (<c>P30D</c>), working days (<c>5WD</c>) or an exact duration (<c>PT2M</c>).</summary>
public sealed partial record Term
{
    /// <summary>Art. 2 c.2 L. 241/1990: 30 days when no law or regulation sets another term.</summary>
    public static readonly Term Default = new(TermKind.CalendarDays, 30, TimeSpan.Zero);

    /// <summary>Guards against typos such as <c>P3000D</c>; the longest terms in Law 241 are 180 days.</summary>
    public const int MaxDays = 1000;

    private Term(TermKind kind, int days, TimeSpan duration)
    {
        Kind = kind;
        Days = days;
        Duration = duration;
    }

    public TermKind Kind { get; }

    /// <summary>The number of days for day terms; 0 for exact terms.</summary>
    public int Days { get; }

    /// <summary>The duration of an exact term; zero for day terms.</summary>
    public TimeSpan Duration { get; }

    public static Term CalendarDays(int days) => new(TermKind.CalendarDays, CheckDays(days), TimeSpan.Zero);

    public static Term WorkingDays(int days) => new(TermKind.WorkingDays, CheckDays(days), TimeSpan.Zero);

    /// <summary>Parses <c>P30D</c>, <c>5WD</c> or <c>PT1H30M</c>; empty gives the default 30 days.</summary>
    /// <exception cref="TermValidationException">The text is not an accepted term (field <c>term</c>).</exception>
    public static Term Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Default;
        }

        var value = text.Trim().ToUpperInvariant();
        if (value.StartsWith('-') || value.Contains("P-", StringComparison.Ordinal))
        {
            throw Invalid(text, "il termine deve essere positivo / the term must be positive");
        }

        if (WorkingDaysPattern().Match(value) is { Success: true } working)
        {
            return WorkingDays(Number(working.Groups["n"], text));
        }

        if (CalendarDaysPattern().Match(value) is { Success: true } calendar)
        {
            return CalendarDays(Number(calendar.Groups["n"], text));
        }

        if (TimePattern().Match(value) is { Success: true, Length: > 2 } time)
        {
            var duration = TimeSpan.FromHours(Number(time.Groups["h"], text, 0))
                + TimeSpan.FromMinutes(Number(time.Groups["m"], text, 0))
                + TimeSpan.FromSeconds(Number(time.Groups["s"], text, 0));
            if (duration <= TimeSpan.Zero || duration > TimeSpan.FromDays(MaxDays))
            {
                throw Invalid(text, $"la durata deve essere positiva e al massimo {MaxDays} giorni / the duration must be positive and at most {MaxDays} days");
            }

            return new Term(TermKind.Exact, 0, duration);
        }

        if (MonthsOrYearsPattern().IsMatch(value))
        {
            // Months and years have no fixed length and Law 241 counts terms in days: ask for days instead.
            throw Invalid(text, "mesi e anni non sono ammessi, indicare i giorni (es. P90D) / months and years are not accepted, give days (e.g. P90D)");
        }

        throw Invalid(text, "usare giorni di calendario ISO 8601 (P30D), giorni lavorativi (5WD) o una durata esatta (PT2M) / use ISO 8601 calendar days (P30D), working days (5WD) or an exact duration (PT2M)");
    }

    /// <summary>Half of this term, rounded up to a whole day (art. 2 c.9-ter: the substitute concludes within half the original term).</summary>
    public Term Half() => Kind switch
    {
        TermKind.CalendarDays => CalendarDays((Days + 1) / 2),
        TermKind.WorkingDays => WorkingDays((Days + 1) / 2),
        _ => new Term(TermKind.Exact, 0, Duration / 2),
    };

    /// <summary>The canonical text: <c>P30D</c>, <c>5WD</c>, <c>PT1H30M</c>.</summary>
    public override string ToString() => Kind switch
    {
        TermKind.CalendarDays => $"P{Days}D",
        TermKind.WorkingDays => $"{Days}WD",
        _ => ExactText(Duration),
    };

    private static string ExactText(TimeSpan duration)
    {
        var hours = (long)duration.TotalHours;
        return "PT"
            + (hours > 0 ? $"{hours}H" : "")
            + (duration.Minutes > 0 ? $"{duration.Minutes}M" : "")
            + (duration.Seconds > 0 ? $"{duration.Seconds}S" : "");
    }

    private static int CheckDays(int days) => days is >= 1 and <= MaxDays
        ? days
        : throw new TermValidationException("term", $"Termine non valido: i giorni devono essere tra 1 e {MaxDays}. / Invalid term: days must be between 1 and {MaxDays}.");

    private static int Number(Group group, string text, int? absent = null)
    {
        if (!group.Success)
        {
            return absent ?? throw Invalid(text, "manca il numero / the number is missing");
        }

        return int.TryParse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw Invalid(text, "numero troppo grande / number too large");
    }

    private static TermValidationException Invalid(string text, string why) =>
        new("term", $"Termine non valido '{text}': {why}.");

    [GeneratedRegex(@"^(?<n>\d{1,9})WD$")]
    private static partial Regex WorkingDaysPattern();

    [GeneratedRegex(@"^P(?<n>\d{1,9})D$")]
    private static partial Regex CalendarDaysPattern();

    [GeneratedRegex(@"^PT(?:(?<h>\d{1,6})H)?(?:(?<m>\d{1,6})M)?(?:(?<s>\d{1,6})S)?$")]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"^P[^T]*[YM]")]
    private static partial Regex MonthsOrYearsPattern();
}
