using System.Text.Json.Nodes;

namespace CaseFlow.Workflows.Expressions;

/// <summary>
/// What expressions can see: the instance's variables (read and write), its input and identity. Variables the
/// definition declares with a type are converted to it when set; <paramref name="declaredInputs"/> are the
/// workflow inputs the definition declares (Elsa generates a <c>getX()</c> for each).
/// </summary>
public sealed class ExpressionScope(
    IDictionary<string, JsonNode?> variables,
    JsonObject input,
    string instanceId,
    string definitionId,
    Func<string?> correlationId,
    IReadOnlyDictionary<string, (string TypeName, bool IsArray)>? variableTypes = null,
    IReadOnlyList<string>? declaredInputs = null,
    IReadOnlyDictionary<string, string>? variableNamesById = null)
{
    public IDictionary<string, JsonNode?> Variables { get; } = variables;

    public JsonObject Input { get; } = input;

    public string InstanceId { get; } = instanceId;

    public string DefinitionId { get; } = definitionId;

    public string? CorrelationId => correlationId();

    public IReadOnlyList<string> DeclaredInputs { get; } = declaredInputs ?? [];

    /// <summary>Sets a variable, converting the value to the variable's declared type (a bad value is an <see cref="ExpressionException"/>).</summary>
    public void SetVariable(string name, object? value) =>
        Variables[name] = variableTypes is not null && variableTypes.TryGetValue(name, out var type)
            ? TypedValues.Convert(value, type.TypeName, type.IsArray)
            : JsonClr.ToNode(value);

    /// <summary>
    /// Binds an activity output to the variable its <c>memoryReference</c> names (Elsa: <c>{"memoryReference": {"id": …}}</c>,
    /// the id of a declared variable); an output bound to nothing is dropped, as in Elsa.
    /// </summary>
    public void SetOutputTarget(System.Text.Json.Nodes.JsonNode? output, object? value)
    {
        var id = (output?["memoryReference"] as JsonObject)?["id"]?.ToString();
        if (string.IsNullOrWhiteSpace(id))
        {
            return;
        }

        SetVariable(variableNamesById?.GetValueOrDefault(id) ?? id, value);
    }

    /// <summary>A workflow input by name; Elsa matches input names without regard to case.</summary>
    public JsonNode? GetInput(string name) =>
        Input.TryGetPropertyValue(name, out var exact) ? exact : Input.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
