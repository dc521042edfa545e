using System.Globalization;
using System.Text.RegularExpressions;

namespace CaseFlow.Terms;

/// <summary>
/// A legal term: calendar days (<c>P30D</c>), working days (<c>5WD</c>), calendar months and years (<c>P3M</c>,
/// <c>P2Y</c>, <c>P1Y6M</c>) or an exact duration (<c>PT2M</c>).
/// </summary>
public sealed partial record Term
{
    /// <summary>Art. 2 c.2 L. 241/1990: 30 days when no law or regulation sets another term.</summary>
    public static readonly Term Default = new(TermKind.CalendarDays, 30, TimeSpan.Zero);

    /// <summary>Guards against typos such as <c>P3000D</c>; the longest terms in Law 241 are 180 days.</summary>
    public const int MaxDays = 1000;

    /// <summary>Ten years: the longest sector terms (citizenship) are counted in a few years.</summary>
    public const int MaxMonths = 120;

    private Term(TermKind kind, int days, TimeSpan duration, int months = 0)
    {
        Kind = kind;
        Days = days;
        Duration = duration;
        Months = months;
    }

    public TermKind Kind { get; }

    /// <summary>The number of days for day terms; 0 for exact terms.</summary>
    public int Days { get; }

    /// <summary>The duration of an exact term; zero for day terms.</summary>
    public TimeSpan Duration { get; }

    /// <summary>The number of months of a month term (a year is 12); 0 for the other kinds.</summary>
    public int Months { get; }

    public static Term CalendarDays(int days) => new(TermKind.CalendarDays, CheckDays(days), TimeSpan.Zero);

    public static Term WorkingDays(int days) => new(TermKind.WorkingDays, CheckDays(days), TimeSpan.Zero);

    public static Term CalendarMonths(int months) => months is >= 1 and <= MaxMonths
        ? new(TermKind.Months, 0, TimeSpan.Zero, months)
        : throw new TermValidationException("term", $"Termine non valido: i mesi devono essere tra 1 e {MaxMonths}. / Invalid term: months must be between 1 and {MaxMonths}.");

    /// <summary>Parses <c>P30D</c>, <c>5WD</c>, <c>P3M</c>, <c>P2Y</c>, <c>P1Y6M</c> or <c>PT1H30M</c>; empty gives the default 30 days.</summary>
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

        if (MonthsPattern().Match(value) is { Success: true, Length: > 1 } months)
        {
            var total = (long)Number(months.Groups["y"], text, 0) * 12 + Number(months.Groups["m"], text, 0);
            return CalendarMonths(total > MaxMonths ? MaxMonths + 1 : (int)total);
        }

        if (MonthsOrYearsPattern().IsMatch(value))
        {
            // Art. 2963 c.c. counts months on the calendar and days one by one: "P1M10D" has no single reading
            // (10 days then a month can end elsewhere than a month then 10 days), so a mixed term is refused.
            throw Invalid(text, "mesi e anni non si combinano con giorni o settimane, indicare solo mesi (P14M) o solo giorni (P430D) / months and years do not combine with days or weeks");
        }

        if (WeeksPattern().IsMatch(value))
        {
            // No shipped procedure's law sets a term in weeks; accept them when one does.
            throw Invalid(text, "le settimane non sono ammesse, usare giorni di calendario (P14D) / weeks are not accepted, use calendar days (P14D)");
        }

        throw Invalid(text, "usare giorni di calendario ISO 8601 (P30D), giorni lavorativi (5WD), mesi o anni (P3M, P1Y) o una durata esatta (PT2M) / use ISO 8601 calendar days (P30D), working days (5WD), months or years (P3M, P1Y) or an exact duration (PT2M)");
    }

    /// <summary>
    /// Half of this term (art. 2 c.9-ter: the substitute concludes within half the original term): day terms rounded
    /// up to a whole day; an even number of months halves in months, an odd one becomes 15 days a month (P3M gives
    /// P45D), as half a month has no calendar date of its own.
    /// </summary>
    public Term Half() => Kind switch
    {
        TermKind.CalendarDays => CalendarDays((Days + 1) / 2),
        TermKind.WorkingDays => WorkingDays((Days + 1) / 2),
        TermKind.Months when Months % 2 == 0 => CalendarMonths(Months / 2),
        TermKind.Months => CalendarDays(Months * 15),
        _ => new Term(TermKind.Exact, 0, Duration / 2),
    };

    /// <summary>The canonical text: <c>P30D</c>, <c>5WD</c>, <c>P3M</c>, <c>P2Y</c>, <c>P1Y6M</c>, <c>PT1H30M</c>.</summary>
    public override string ToString() => Kind switch
    {
        TermKind.CalendarDays => $"P{Days}D",
        TermKind.WorkingDays => $"{Days}WD",
        TermKind.Months => "P" + (Months >= 12 ? $"{Months / 12}Y" : "") + (Months % 12 > 0 ? $"{Months % 12}M" : ""),
        _ => ExactText(Duration),
    };

    /// <summary>How the term reads in an Italian sentence: "30 giorni", "5 giorni lavorativi", "3 mesi", "1 anno e 6 mesi".</summary>
    public string ToItalian() => Kind switch
    {
        TermKind.CalendarDays => Days == 1 ? "1 giorno" : $"{Days} giorni",
        TermKind.WorkingDays => Days == 1 ? "1 giorno lavorativo" : $"{Days} giorni lavorativi",
        TermKind.Months => string.Join(" e ", new[]
        {
            (Months / 12) switch { 0 => null, 1 => "1 anno", var y => $"{y} anni" },
            (Months % 12) switch { 0 => null, 1 => "1 mese", var m => $"{m} mesi" },
        }.OfType<string>()),
        _ => ExactText(Duration),
    };

    /// <summary>The same in English: "30 days", "5 working days", "3 months", "1 year and 6 months".</summary>
    public string ToEnglish() => Kind switch
    {
        TermKind.CalendarDays => Days == 1 ? "1 day" : $"{Days} days",
        TermKind.WorkingDays => Days == 1 ? "1 working day" : $"{Days} working days",
        TermKind.Months => string.Join(" and ", new[]
        {
            (Months / 12) switch { 0 => null, 1 => "1 year", var y => $"{y} years" },
            (Months % 12) switch { 0 => null, 1 => "1 month", var m => $"{m} months" },
        }.OfType<string>()),
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

    [GeneratedRegex(@"^P(?:(?<y>\d{1,4})Y)?(?:(?<m>\d{1,4})M)?$")]
    private static partial Regex MonthsPattern();

    [GeneratedRegex(@"^P[^T]*[YM]")]
    private static partial Regex MonthsOrYearsPattern();

    [GeneratedRegex(@"^P\d+W$")]
    private static partial Regex WeeksPattern();
}
