using System.Globalization;

namespace CaseFlow.Terms;

/// <summary>How dates and day counts read in the Italian reasons an operator sees.</summary>
internal static class ItalianText
{
    // Quoted slashes: a bare '/' is the current culture's date separator.
    public static string Date(DateOnly date) => date.ToString("dd'/'MM'/'yyyy", CultureInfo.InvariantCulture);

    public static string Days(int days) => days == 1 ? "+1 giorno" : $"+{days} giorni";

    public static string WorkingDays(int days) => days == 1 ? "+1 giorno lavorativo" : $"+{days} giorni lavorativi";
}
