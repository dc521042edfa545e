using CaseFlow.Workflows.Definitions;

namespace CaseFlow.Workflows.Activities;

/// <summary>Every activity type CaseFlow runs, by Elsa type name. A type not here is refused at import and save.</summary>
public sealed class ActivityRegistry(IEnumerable<IActivityHandler> handlers)
{
    private readonly Dictionary<string, IActivityHandler> byType = handlers.ToDictionary(h => h.Descriptor.TypeName, StringComparer.Ordinal);

    public IReadOnlyCollection<IActivityHandler> All => byType.Values;

    public IActivityHandler? Find(string typeName) => byType.GetValueOrDefault(typeName);

    public IActivityHandler Get(string typeName) =>
        Find(typeName) ?? throw new InvalidOperationException($"No activity handler for type '{typeName}'.");

    /// <summary>The handler of a node: its type's, or — for a definition placed as an activity, whose type is its own name — the WorkflowDefinitionActivity's.</summary>
    public IActivityHandler? Find(string typeName, System.Text.Json.Nodes.JsonObject json) =>
        Find(typeName) ?? (Composition.WorkflowDefinitionActivity.Places(json) ? Find(Composition.WorkflowDefinitionActivity.TypeName) : null);

    public IActivityHandler Get(ActivityNode node) =>
        Find(node.Type, node.Json) ?? throw new InvalidOperationException($"No activity handler for type '{node.Type}'.");

    public IReadOnlyList<string>? PortsOf(ActivityNode node) => Find(node.Type, node.Json)?.PortsOf(node);
}
