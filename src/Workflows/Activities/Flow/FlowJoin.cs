using CaseFlow.Workflows.Definitions;
using CaseFlow.Workflows.Expressions;
using CaseFlow.Workflows.Runtime;

namespace CaseFlow.Workflows.Activities.Flow;

/// <summary>
/// Merges branches, as Elsa's counter-based flowchart does: WaitAll waits for every inbound branch and is skipped
/// when one was not taken; WaitAllActive waits for the branches that were taken; WaitAny continues on the first
/// and cancels the other branches. The waiting itself is done by the flowchart (see <see cref="MergeModes"/>).
/// </summary>
public sealed class FlowJoin : IActivityHandler
{
    public const string TypeName = "Elsa.FlowJoin";

    public ActivityDescriptor Descriptor { get; } = new(
        TypeName, Categories.Flow, "Unione", "Riunisce più rami: attende tutti (WaitAll), quelli attivi (WaitAllActive) o il primo (WaitAny).",
        [new InputDescriptor("mode", "Elsa.Workflows.Activities.Flowchart.Models.FlowJoinMode", "Modalità",
            "WaitAll: attende tutti i rami (salta se uno non è stato percorso); WaitAllActive: attende i rami percorsi; WaitAny: prosegue al primo.", UiHints.DropDown, "WaitAny",
            Options: [new("WaitAny", "WaitAny"), new("WaitAll", "WaitAll"), new("WaitAllActive", "WaitAllActive")])],
        ["Done"]);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => ValueTask.FromResult(ActivityResult.Done);

    /// <summary>The mode is read at design time (it decides how the flowchart schedules the join); Elsa's default is WaitAny.</summary>
    public static string ModeOf(ActivityNode node)
    {
        var expression = WorkflowExpression.From(node.Json["mode"]);
        var value = expression?.Type == "Literal" ? JsonClr.AsString(JsonClr.ToClr(expression.Value)) : null;
        return new[] { "WaitAll", "WaitAllActive" }.FirstOrDefault(m => string.Equals(m, value, StringComparison.OrdinalIgnoreCase)) ?? "WaitAny";
    }
}
