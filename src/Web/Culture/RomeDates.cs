using System.Globalization;

namespace CaseFlow.Web.Culture;

/// <summary>Every date a person reads is a date in Rome, written out: "2 dicembre 2026".</summary>
public static class RomeDates
{
    private static readonly TimeZoneInfo Rome = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");

    public static DateTimeOffset InRome(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Rome);

    public static string Date(DateTimeOffset instant) => InRome(instant).ToString("d MMMM yyyy", CultureInfo.CurrentCulture);

    public static string DateAndTime(DateTimeOffset instant) =>
        InRome(instant).ToString(CultureInfo.CurrentCulture.TwoLetterISOLanguageName == "it" ? "d MMMM yyyy, 'ore' HH:mm" : "d MMMM yyyy, HH:mm", CultureInfo.CurrentCulture);

    /// <summary>For the <c>datetime</c> attribute of <c>&lt;time&gt;</c>: machine-readable, with Rome's offset.</summary>
    public static string Iso(DateTimeOffset instant) => InRome(instant).ToString("yyyy-MM-ddTHH:mmzzz", CultureInfo.InvariantCulture);
}
