using System.Globalization;

namespace CaseFlow.Notifications.Templates.Liquid;

/// <summary>The filters CaseFlow's templates use; an unknown filter is a template error.</summary>
internal static class LiquidFilters
{
    public static object? Apply(FilterCall filter, object? value, LiquidScope scope)
    {
        var args = filter.Arguments.Select(scope.Evaluate).ToList();
        string Arg(int i) => i < args.Count ? LiquidValues.ToText(args[i]) : "";
        return filter.Name switch
        {
            "default" => LiquidValues.IsBlank(value) || value is false ? (args.Count > 0 ? args[0] : "") : value,
            "upcase" => LiquidValues.ToText(value).ToUpper(scope.Culture),
            "downcase" => LiquidValues.ToText(value).ToLower(scope.Culture),
            "capitalize" => Capitalize(LiquidValues.ToText(value), scope.Culture),
            "append" => LiquidValues.ToText(value) + Arg(0),
            "prepend" => Arg(0) + LiquidValues.ToText(value),
            "size" => (decimal)LiquidValues.Items(value is string s ? s.ToCharArray().Select(c => (object?)c).ToList() : value).Count,
            "join" => string.Join(Arg(0), LiquidValues.Items(value).Select(LiquidValues.ToText)),
            "url_encode" => Uri.EscapeDataString(LiquidValues.ToText(value)),
            "date" => FormatDate(value, Arg(0), scope.Culture),
            _ => throw new LiquidException($"Unknown filter '{filter.Name}'."),
        };
    }

    private static string Capitalize(string text, CultureInfo culture) =>
        text.Length == 0 ? text : char.ToUpper(text[0], culture) + text[1..];

    /// <summary>strftime's common codes; month and weekday names follow the message's language.</summary>
    private static string FormatDate(object? value, string format, CultureInfo culture)
    {
        var text = LiquidValues.ToText(value);
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            throw new LiquidException($"'{text}' is not a date (use ISO 8601, e.g. 2026-11-23).");
        }

        var result = new System.Text.StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i == format.Length - 1)
            {
                result.Append(format[i]);
                continue;
            }

            i++;
            result.Append(format[i] switch
            {
                'd' => date.ToString("dd", culture),
                'e' => date.Day.ToString(culture),
                'm' => date.ToString("MM", culture),
                'Y' => date.ToString("yyyy", culture),
                'H' => date.ToString("HH", culture),
                'M' => date.ToString("mm", culture),
                'B' => culture.DateTimeFormat.GetMonthName(date.Month),
                'A' => culture.DateTimeFormat.GetDayName(date.DayOfWeek),
                '%' => "%",
                var other => throw new LiquidException($"Unknown date code '%{other}'."),
            });
        }

        return result.ToString();
    }
}
