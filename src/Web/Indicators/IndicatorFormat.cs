using System.Globalization;

namespace CaseFlow.Web.Indicators;

/// <summary>How the pages write the indicators' numbers (the current culture's decimal separator; a dash for none).</summary>
public static class IndicatorFormat
{
    public const string None = "—";

    public static string Pct(double? ratio) => ratio is { } r ? (r * 100).ToString("0.0", CultureInfo.CurrentCulture) + " %" : None;

    public static string Days(double? days) => days is { } d ? d.ToString("0.##", CultureInfo.CurrentCulture) : None;

    public static string Count(long n) => n.ToString("#,0", CultureInfo.CurrentCulture);
}
