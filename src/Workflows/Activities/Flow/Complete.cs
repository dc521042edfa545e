using CaseFlow.Workflows.Runtime;

namespace CaseFlow.Workflows.Activities.Flow;

/// <summary>
/// Elsa's Complete: a terminal node that completes its container — here the flowchart, and so the workflow — with
/// the given outcomes (a name, a list, or <c>Done</c> when empty), cancelling whatever still waits.
/// </summary>
public sealed class Complete : IActivityHandler
{
    public ActivityDescriptor Descriptor { get; } = new(
        "Elsa.Complete", Categories.Flow, "Completa", "Conclude il contenitore (il procedimento) con gli esiti indicati.",
        [new InputDescriptor("outcomes", "Object", "Esiti", "L'esito o gli esiti con cui concludere.", UiHints.OutcomePicker, DefaultSyntax: "Object")],
        [], IsTerminal: true);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var outcomes = context.GetStringList("outcomes");
        var result = outcomes.Count > 0 ? outcomes : ["Done"];
        context.JournalMessage = string.Join(", ", result);
        return ValueTask.FromResult(ActivityResult.WithOutcomes([.. result]));
    }
}
