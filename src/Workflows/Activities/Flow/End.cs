using CaseFlow.Workflows.Runtime;

namespace CaseFlow.Workflows.Activities.Flow;

/// <summary>Terminal node: completes the flowchart (and so the workflow), cancelling any branch still waiting.</summary>
public sealed class End : IActivityHandler
{
    public ActivityDescriptor Descriptor { get; } = new("Elsa.End", Categories.Flow, "Fine", "Conclude il diagramma di flusso.", [], [], IsTerminal: true);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => ValueTask.FromResult(ActivityResult.Done);
}
