using CaseFlow.Workflows.Definitions;
using CaseFlow.Workflows.Expressions;
using CaseFlow.Workflows.Runtime;

namespace CaseFlow.Workflows.Activities.Flow;

/// <summary>
/// Merges branches. WaitAll waits for every live inbound branch (a branch that was not taken does not block);
/// WaitAny continues on the first and cancels the other branches. The waiting itself is done by the flowchart.
/// </summary>
public sealed class FlowJoin : IActivityHandler
{
    public const string TypeName = "Elsa.FlowJoin";

    public ActivityDescriptor Descriptor { get; } = new(
        TypeName, Categories.Flow, "Unione", "Riunisce più rami: attende tutti (WaitAll) o il primo (WaitAny).",
        [new InputDescriptor("mode", "Elsa.Workflows.Activities.Flowchart.Models.FlowJoinMode", "Modalità", "WaitAll: attende tutti i rami attivi; WaitAny: prosegue al primo.", UiHints.DropDown, "WaitAny",
            Options: [new("WaitAny", "WaitAny"), new("WaitAll", "WaitAll")])],
        ["Done"]);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => ValueTask.FromResult(ActivityResult.Done);

    /// <summary>The mode is read at design time: it decides how the flowchart schedules the join.</summary>
    public static bool IsWaitAny(ActivityNode node)
    {
        var expression = WorkflowExpression.From(node.Json["mode"]);
        var value = expression?.Type == "Literal" ? JsonClr.AsString(JsonClr.ToClr(expression.Value)) : null;
        // Elsa's default is WaitAny.
        return !string.Equals(value, "WaitAll", StringComparison.OrdinalIgnoreCase);
    }
}
