using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CaseFlow.Workflows.Expressions;

/// <summary>
/// Converts a value to a variable's declared Elsa type when it is set, as Elsa's <c>Variable&lt;T&gt;</c> does: an
/// <c>Int32</c> variable given <c>"0"</c> holds the number 0, so <c>getCounter() + 1</c> is 1, not "01".
/// Values are stored as JSON: dates, durations and GUIDs as their ISO text.
/// </summary>
public static class TypedValues
{
    public static JsonNode? Convert(object? value, string typeName, bool isArray)
    {
        value = value is JsonNode node ? JsonClr.ToClr(node) : value;
        var (type, array) = Normalise(typeName);
        if (value is null || type == "Object" && !(array || isArray))
        {
            return JsonClr.ToNode(value);
        }

        if (array || isArray)
        {
            var items = value switch
            {
                string s when s.TrimStart().StartsWith('[') => ParseJson(s, typeName) as IEnumerable<object?>,
                string s when string.IsNullOrWhiteSpace(s) => [],
                IEnumerable<object?> list => list,
                _ => [value],
            } ?? throw Invalid(value, typeName);
            return new JsonArray([.. items.Select(item => ConvertOne(item, type, typeName))]);
        }

        return ConvertOne(value, type, typeName);
    }

    private static JsonNode? ConvertOne(object? value, string type, string typeName)
    {
        if (value is null || value is string blank && string.IsNullOrWhiteSpace(blank) && type != "String")
        {
            return null;
        }

        try
        {
            return type switch
            {
                "String" => JsonValue.Create(JsonClr.AsString(value)),
                "Int32" => JsonValue.Create((long)checked((int)Integer(value))),
                "Int16" => JsonValue.Create((long)checked((short)Integer(value))),
                "Byte" => JsonValue.Create((long)checked((byte)Integer(value))),
                "Int64" or "UInt32" or "UInt64" => JsonValue.Create(Integer(value)),
                "Double" or "Single" => JsonValue.Create(Real(value)),
                "Decimal" => JsonValue.Create(value is string s ? decimal.Parse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture) : System.Convert.ToDecimal(value, CultureInfo.InvariantCulture)),
                "Boolean" => JsonValue.Create(Boolean(value)),
                "DateTime" or "DateTimeOffset" => JsonValue.Create(Instant(value).ToString("O", CultureInfo.InvariantCulture)),
                "TimeSpan" => JsonValue.Create((value is TimeSpan t ? t : value is double or long ? TimeSpan.FromMilliseconds(Real(value)) : Runtime.ActivityContext.ParseTimeSpan(JsonClr.AsString(value)!, typeName)).ToString("c")),
                "Guid" => JsonValue.Create(Guid.Parse(JsonClr.AsString(value)!).ToString("D")),
                "JsonObject" or "ExpandoObject" or "ObjectDictionary" or "StringDictionary" or "JsonNode" or "JsonElement" =>
                    JsonClr.ToNode(value is string json ? ParseJson(json, typeName) : value),
                _ => JsonClr.ToNode(value),
            };
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or InvalidCastException or ExpressionException)
        {
            throw Invalid(value, typeName, ex);
        }
    }

    /// <summary><c>Int32</c>, <c>System.Int32</c>, <c>System.Int32, System.Private.CoreLib</c>, <c>Int32[]</c> → (Int32, array?).</summary>
    private static (string Type, bool Array) Normalise(string typeName)
    {
        var name = typeName.Split(',')[0].Trim();
        var array = name.EndsWith("[]", StringComparison.Ordinal);
        name = array ? name[..^2] : name;
        name = name[(name.LastIndexOf('.') + 1)..];
        return (name switch
        {
            "int" => "Int32",
            "long" => "Int64",
            "bool" => "Boolean",
            "string" => "String",
            "double" => "Double",
            "decimal" => "Decimal",
            "float" => "Single",
            "object" => "Object",
            _ => name,
        }, array);
    }

    private static long Integer(object value) => value switch
    {
        long l => l,
        int i => i,
        double d => System.Convert.ToInt64(d),
        decimal m => System.Convert.ToInt64(m),
        bool b => b ? 1 : 0,
        string s when long.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
        string s => System.Convert.ToInt64(double.Parse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture)),
        _ => System.Convert.ToInt64(value, CultureInfo.InvariantCulture),
    };

    private static double Real(object value) => value is string s
        ? double.Parse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture)
        : System.Convert.ToDouble(value, CultureInfo.InvariantCulture);

    private static bool Boolean(object value) => value switch
    {
        bool b => b,
        string s => bool.Parse(s.Trim()),
        long l => l != 0,
        double d => d != 0,
        _ => throw new InvalidCastException(),
    };

    private static DateTimeOffset Instant(object value) => value switch
    {
        DateTimeOffset d => d,
        DateTime d => new DateTimeOffset(d.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : d),
        string s => DateTimeOffset.Parse(s.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        _ => throw new InvalidCastException(),
    };

    private static object? ParseJson(string json, string typeName)
    {
        try
        {
            return JsonClr.ToClr(JsonNode.Parse(json));
        }
        catch (JsonException ex)
        {
            throw new ExpressionException($"'{json}' is not valid JSON for a {typeName}: {ex.Message}", ex);
        }
    }

    private static ExpressionException Invalid(object? value, string typeName, Exception? inner = null) =>
        new($"'{JsonClr.AsString(value)}' is not a valid {typeName}.", inner);
}
