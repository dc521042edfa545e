using CaseFlow.Workflows.Runtime;

namespace CaseFlow.Workflows.Activities.Flow;

/// <summary>Terminal node: finishes the whole workflow, cancelling any branch still waiting.</summary>
public sealed class Finish : IActivityHandler
{
    public ActivityDescriptor Descriptor { get; } = new("Elsa.Finish", Categories.Flow, "Termina", "Termina il flusso di lavoro.", [], [], IsTerminal: true);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => ValueTask.FromResult(ActivityResult.Done);
}
