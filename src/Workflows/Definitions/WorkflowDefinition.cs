using System.Text.Json.Nodes;

namespace CaseFlow.Workflows.Definitions;

/// <summary>
/// One version of an Elsa 3 workflow definition. <see cref="Document"/> is the Elsa JSON model kept verbatim,
/// so fields CaseFlow does not know survive a load → save round trip; <see cref="Root"/> is the parsed flowchart.
/// </summary>
public sealed class WorkflowDefinition
{
    public required string Id { get; init; }

    public required string DefinitionId { get; init; }

    public required int Version { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    public bool IsLatest { get; init; }

    public bool IsPublished { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public required JsonObject Document { get; init; }

    public required Flowchart Root { get; init; }

    public required IReadOnlyList<VariableDefinition> Variables { get; init; }

    /// <summary>The names of the workflow inputs the definition declares (its <c>inputs</c>).</summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];
}

/// <summary>
/// A workflow variable as Elsa declares it: <c>{id, name, typeName, isArray, value, storageDriverTypeName}</c>;
/// <see cref="Value"/> is the default already converted to the declared type.
/// </summary>
public sealed record VariableDefinition(string Id, string Name, string TypeName, JsonNode? Value, bool IsArray = false);
