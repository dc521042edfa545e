using CaseFlow.Workflows.Runtime;

namespace CaseFlow.Workflows.Activities.Flow;

/// <summary>Elsa's SetName: renames the workflow instance (lists and the Studio show the new name).</summary>
public sealed class SetName : IActivityHandler
{
    public ActivityDescriptor Descriptor { get; } = new(
        "Elsa.SetName", Categories.Flow, "Imposta nome", "Imposta il nome dell'istanza del procedimento.",
        [new InputDescriptor("value", "String", "Nome", "Il nuovo nome dell'istanza.")],
        ["Done"]);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        context.SetInstanceName(context.GetString("value"));
        return ValueTask.FromResult(ActivityResult.Done);
    }
}
