using CaseFlow.Workflows.Runtime;

namespace CaseFlow.Workflows.Activities.Flow;

public sealed class Correlate : IActivityHandler
{
    public ActivityDescriptor Descriptor { get; } = new(
        "Elsa.Correlate", Categories.Flow, "Correla", "Imposta l'identificativo di correlazione dell'istanza.",
        [new InputDescriptor("correlationId", "String", "Identificativo di correlazione", "Il valore di correlazione.", UiHints.SingleLine)],
        ["Done"]);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        context.SetCorrelationId(context.GetString("correlationId"));
        return ValueTask.FromResult(ActivityResult.Done);
    }
}
