using CaseFlow.Workflows.Runtime;

namespace CaseFlow.Workflows.Activities.Flow;

public sealed class FlowDecision : IActivityHandler
{
    public ActivityDescriptor Descriptor { get; } = new(
        "Elsa.FlowDecision", Categories.Flow, "Decisione", "Segue il ramo True o False secondo la condizione.",
        [new InputDescriptor("condition", "Boolean", "Condizione", "La condizione da valutare.", UiHints.SingleLine, DefaultSyntax: "JavaScript")],
        ["True", "False"]);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) =>
        ValueTask.FromResult(ActivityResult.WithOutcomes(context.GetBool("condition") ? "True" : "False"));
}
