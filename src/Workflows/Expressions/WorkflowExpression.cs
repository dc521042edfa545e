using System.Text.Json;
using System.Text.Json.Nodes;

namespace CaseFlow.Workflows.Expressions;

/// <summary>An Elsa expression: <c>{"type": "Literal|Variable|Object|JavaScript|Liquid", "value": …}</c>.</summary>
public sealed record WorkflowExpression(string Type, JsonNode? Value)
{
    public static readonly IReadOnlyList<string> SupportedTypes = ["Literal", "Variable", "Object", "JavaScript", "Liquid"];

    /// <summary>Reads an expression object, or the <c>expression</c> inside a wrapped input.</summary>
    public static WorkflowExpression? From(JsonNode? node)
    {
        if (node is not JsonObject obj)
        {
            return node is null ? null : new WorkflowExpression("Literal", node.DeepClone());
        }

        if (obj["expression"] is JsonObject inner)
        {
            obj = inner;
        }
        else if (!obj.ContainsKey("type"))
        {
            return null;
        }

        var type = obj["type"]?.GetValue<string>() ?? "Literal";
        return new WorkflowExpression(type, obj["value"]?.DeepClone());
    }

    /// <summary>Checks that the expression can run: a known type, code that parses, JSON that is JSON.</summary>
    public void Compile()
    {
        var text = ValueText;
        switch (Type)
        {
            case "JavaScript" when !string.IsNullOrWhiteSpace(text):
                JavaScriptEvaluator.Compile(text);
                break;
            case "Liquid" when text is not null:
                LiquidEvaluator.Compile(text);
                break;
            case "Object" when !string.IsNullOrWhiteSpace(text) && Value is JsonValue:
                try
                {
                    JsonNode.Parse(text);
                }
                catch (JsonException ex)
                {
                    throw new ExpressionException($"Object expression is not valid JSON: {ex.Message}", ex);
                }

                break;
            case "Literal" or "Variable" or "Object" or "JavaScript" or "Liquid":
                break;
            default:
                throw new ExpressionException($"Expression type '{Type}' is not supported; use one of {string.Join(", ", SupportedTypes)}.");
        }
    }

    public object? Evaluate(ExpressionScope scope) => Type switch
    {
        "Literal" => Value is JsonValue ? JsonClr.ToClr(Value) : JsonClr.ToClr(Value),
        "Variable" => JsonClr.ToClr(scope.Variables.TryGetValue(VariableName ?? "", out var v) ? v : null),
        "Object" => Value is JsonValue && ValueText is { } json
            ? string.IsNullOrWhiteSpace(json) ? null : JsonClr.ToClr(JsonNode.Parse(json))
            : JsonClr.ToClr(Value),
        "JavaScript" => string.IsNullOrWhiteSpace(ValueText) ? null : JavaScriptEvaluator.Evaluate(ValueText, scope),
        "Liquid" => ValueText is null ? null : LiquidEvaluator.Evaluate(ValueText, scope),
        _ => throw new ExpressionException($"Expression type '{Type}' is not supported."),
    };

    private string? ValueText => Value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : Value?.ToJsonString();

    // Elsa stores a variable expression's value as the variable's name, or as a reference object {id, name}.
    private string? VariableName => Value switch
    {
        JsonObject reference => reference["name"]?.GetValue<string>() ?? reference["id"]?.GetValue<string>(),
        JsonValue => ValueText,
        _ => null,
    };
}
