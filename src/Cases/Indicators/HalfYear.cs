using System.Globalization;

namespace CaseFlow.Cases.Indicators;

/// <summary>A half-year (semestre): January–June or July–December, the period of the published times.</summary>
public sealed record HalfYear(int Year, int Half)
{
    public DateOnly From => new(Year, Half == 1 ? 1 : 7, 1);

    public DateOnly To => Half == 1 ? new DateOnly(Year, 6, 30) : new DateOnly(Year, 12, 31);

    /// <summary>As the query string carries it: <c>2026-1</c>, <c>2026-2</c>.</summary>
    public string Code => $"{Year}-{Half}";

    public string Label => $"{(Half == 1 ? "1°" : "2°")} semestre {Year}";

    public HalfYear Previous => Half == 1 ? new HalfYear(Year - 1, 2) : new HalfYear(Year, 1);

    public static HalfYear Of(DateOnly date) => new(date.Year, date.Month <= 6 ? 1 : 2);

    public static bool TryParse(string? code, out HalfYear halfYear)
    {
        halfYear = new HalfYear(0, 1);
        var parts = code?.Trim().Split('-');
        if (parts is not [var year, "1" or "2"] || year.Length != 4 || !int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y < 2000)
        {
            return false;
        }

        halfYear = new HalfYear(y, parts[1] == "1" ? 1 : 2);
        return true;
    }

    /// <summary>The last <paramref name="count"/> half-years up to the one of <paramref name="today"/>, newest first.</summary>
    public static IReadOnlyList<HalfYear> Recent(DateOnly today, int count)
    {
        var list = new List<HalfYear> { Of(today) };
        while (list.Count < count)
        {
            list.Add(list[^1].Previous);
        }

        return list;
    }
}
