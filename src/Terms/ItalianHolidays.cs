using System.Collections.Concurrent;

namespace CaseFlow.Terms;

/// <summary>The national public holidays (L. 260/1949 as amended), on which a term's last day cannot fall.</summary>
public static class ItalianHolidays
{
    /// <summary>L. 151/2025 restored 4 October (St Francis, patron of Italy) as a holiday from 2026.</summary>
    public const int SaintFrancisFirstYear = 2026;

    // Counting asks about every day of a term: compute each year once.
    private static readonly ConcurrentDictionary<int, IReadOnlyList<Holiday>> ByYear = new();

    /// <summary>The holidays of <paramref name="year"/>, in date order.</summary>
    public static IReadOnlyList<Holiday> For(int year) => ByYear.GetOrAdd(year, Compute);

    private static IReadOnlyList<Holiday> Compute(int year)
    {
        var easterMonday = EasterSunday(year).AddDays(1);
        var holidays = new List<Holiday>
        {
            new(new DateOnly(year, 1, 1), "Capodanno"),
            new(new DateOnly(year, 1, 6), "Epifania"),
            new(easterMonday, "Lunedì dell'Angelo"),
            new(new DateOnly(year, 4, 25), "Festa della Liberazione"),
            new(new DateOnly(year, 5, 1), "Festa del Lavoro"),
            new(new DateOnly(year, 6, 2), "Festa della Repubblica"),
            new(new DateOnly(year, 8, 15), "Ferragosto"),
            new(new DateOnly(year, 11, 1), "Ognissanti"),
            new(new DateOnly(year, 12, 8), "Immacolata Concezione"),
            new(new DateOnly(year, 12, 25), "Natale"),
            new(new DateOnly(year, 12, 26), "Santo Stefano"),
        };
        if (year >= SaintFrancisFirstYear)
        {
            holidays.Add(new(new DateOnly(year, 10, 4), "San Francesco d'Assisi, patrono d'Italia"));
        }

        // Easter Monday can fall on 25 April (2011, 2095): both names stay, the date order is what callers rely on.
        return holidays.OrderBy(h => h.Date).ToList().AsReadOnly();
    }

    /// <summary>The national holiday on <paramref name="date"/>, if any.</summary>
    public static Holiday? On(DateOnly date) => For(date.Year).FirstOrDefault(h => h.Date == date);

    /// <summary>Easter Sunday by the Gregorian computus (the anonymous algorithm of Meeus, Jones and Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;                       // position in the 19-year Metonic cycle
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;                 // the lunar (Metonic) correction
        var h = (19 * a + b - d - g + 15) % 30;  // epact-based days to the paschal full moon
        var i = c / 4;
        var k = c % 4;
        var l = (32 + 2 * e + 2 * i - h - k) % 7; // days from the full moon to the next Sunday
        var m = (a + 11 * h + 22 * l) / 451;
        var month = (h + l - 7 * m + 114) / 31;
        var day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }
}
