using System.Text.Json;
using System.Text.Json.Nodes;

namespace CaseFlow.Workflows.Expressions;

/// <summary>Converts between stored JSON and the plain CLR values that Jint and Fluid work with.</summary>
public static class JsonClr
{
    public static object? ToClr(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => obj.ToDictionary(p => p.Key, p => ToClr(p.Value)),
        JsonArray array => array.Select(ToClr).ToList(),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => Number(value),
            _ => null,
        },
        _ => null,
    };

    // Values built in memory keep their CLR type (int, decimal…); parsed ones are JSON elements: read both.
    private static object Number(JsonValue value)
    {
        if (value.TryGetValue<long>(out var l))
        {
            return l;
        }

        if (value.TryGetValue<int>(out var i))
        {
            return (long)i;
        }

        var d = double.Parse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
        return Math.Abs(d % 1) < double.Epsilon && Math.Abs(d) < 9e15 ? (long)d : d;
    }

    public static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        // Jint hands whole numbers back as doubles; keep integers integral in storage.
        double d when Math.Abs(d % 1) < double.Epsilon && Math.Abs(d) < 9e15 => JsonValue.Create((long)d),
        _ => JsonSerializer.SerializeToNode(value),
    };

    public static string? AsString(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => JsonSerializer.Serialize(value),
    };
}
