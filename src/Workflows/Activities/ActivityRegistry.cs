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

    public IReadOnlyList<string>? PortsOf(ActivityNode node) => Find(node.Type)?.PortsOf(node);
}
