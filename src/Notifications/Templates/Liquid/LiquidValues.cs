using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CaseFlow.Notifications.Templates.Liquid;

/// <summary>Values while rendering: null, string, decimal, bool, JSON objects and arrays, dictionaries and lists.</summary>
internal static class LiquidValues
{
    // The casts matter: without them the switch is typed JsonNode and the implicit conversions turn every
    // string, number and bool straight back into a JsonValue.
    public static object? FromJson(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v => (object?)(v.GetValueKind() switch
        {
            JsonValueKind.String => (object?)v.GetValue<string>(),
            // Via the JSON text: a JsonValue built from an int refuses GetValue<decimal>.
            JsonValueKind.Number => decimal.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        }),
        _ => (object?)node,
    };

    public static object? Member(object? target, string name) => target switch
    {
        JsonObject o => o.TryGetPropertyValue(name, out var v) ? FromJson(v) : null,
        IReadOnlyDictionary<string, object?> d => d.GetValueOrDefault(name),
        _ when name == "size" => Items(target).Count,
        _ when name == "first" => Items(target).FirstOrDefault(),
        _ when name == "last" => Items(target).LastOrDefault(),
        _ => null,
    };

    public static IReadOnlyList<object?> Items(object? value) => value switch
    {
        JsonArray a => a.Select(FromJson).ToList(),
        IReadOnlyList<object?> l => l,
        null => [],
        _ => [value],
    };

    /// <summary>Liquid's nil and false, and (a deliberate extension) empty strings and empty lists.</summary>
    public static bool IsTruthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        string s => s.Length > 0,
        JsonArray a => a.Count > 0,
        _ => true,
    };

    public static bool IsBlank(object? value) => value is null || (value is string s && string.IsNullOrWhiteSpace(s));

    public static string ToText(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        JsonArray a => string.Concat(a.Select(n => ToText(FromJson(n)))),
        _ => value.ToString() ?? "",
    };

    public static int Compare(object? left, object? right)
    {
        if (ToNumber(left) is { } l && ToNumber(right) is { } r)
        {
            return l.CompareTo(r);
        }

        return string.CompareOrdinal(ToText(left), ToText(right));
    }

    public static decimal? ToNumber(object? value) => value switch
    {
        decimal d => d,
        int i => i,
        string s when decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };
}
