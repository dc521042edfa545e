using System.Text.Json.Nodes;

namespace CaseFlow.Workflows.Expressions;

/// <summary>What expressions can see: the instance's variables (read and write), its input and identity.</summary>
public sealed class ExpressionScope(
    IDictionary<string, JsonNode?> variables,
    JsonObject input,
    string instanceId,
    string definitionId,
    Func<string?> correlationId)
{
    public IDictionary<string, JsonNode?> Variables { get; } = variables;

    public JsonObject Input { get; } = input;

    public string InstanceId { get; } = instanceId;

    public string DefinitionId { get; } = definitionId;

    public string? CorrelationId => correlationId();
}
