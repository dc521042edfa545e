using System.Text.RegularExpressions;

namespace CaseFlow.Web.Desk;

/// <summary>A procedure's term as a person reads it: "P30D" is "30 giorni", "5WD" is "5 giorni lavorativi".</summary>
public static partial class TermText
{
    public static (string Template, int Count)? Parse(string term)
    {
        if (WorkingDays().Match(term) is { Success: true } wd)
        {
            return ("{0} giorni lavorativi", int.Parse(wd.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        }

        if (CalendarDays().Match(term) is { Success: true } cd)
        {
            return ("{0} giorni", int.Parse(cd.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        }

        return null;
    }

    [GeneratedRegex(@"^(\d+)WD$")]
    private static partial Regex WorkingDays();

    [GeneratedRegex(@"^P(\d+)D$")]
    private static partial Regex CalendarDays();
}
