using CaseFlow.Workflows.Runtime;

namespace CaseFlow.Workflows.Activities.Flow;

/// <summary>
/// Elsa's Sequence, as the root or inside a flowchart: its <c>activities</c> run one after the other, whatever
/// outcome each completes with. The parser lays the children into the flowchart's graph behind this node (which
/// passes straight on), chained by <see cref="AnyOutcome"/> connections, so they wait and persist like any activity.
/// </summary>
public sealed class Sequence : IActivityHandler
{
    public const string TypeName = "Elsa.Sequence";

    /// <summary>The port of the parser's own connections between a sequence's children: followed on any outcome.</summary>
    public const string AnyOutcome = "*";

    public ActivityDescriptor Descriptor { get; } = new(
        TypeName, Categories.Flow, "Sequenza", "Esegue le attività una dopo l'altra.", [], ["Done"]);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => ValueTask.FromResult(ActivityResult.Done);
}
