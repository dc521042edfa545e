using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CaseFlow.Notifications.Templates.Liquid;

/// <summary>A JSON model as the plain values Fluid reads: dictionaries, lists, strings, decimals, booleans, null.</summary>
internal static class LiquidModel
{
    public static object? ToClr(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => o.ToDictionary(p => p.Key, p => ToClr(p.Value)),
        JsonArray a => a.Select(ToClr).ToList(),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            // Via the JSON text: a JsonValue built from an int refuses GetValue<decimal>.
            JsonValueKind.Number => decimal.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        },
        _ => null,
    };
}
