using CaseFlow.Workflows.Runtime;

namespace CaseFlow.Workflows.Activities.Flow;

public sealed class Start : IActivityHandler
{
    public ActivityDescriptor Descriptor { get; } = new("Elsa.Start", Categories.Flow, "Inizio", "Il punto da cui parte il procedimento.", [], ["Done"], IsStart: true);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => ValueTask.FromResult(ActivityResult.Done);
}
