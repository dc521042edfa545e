using CaseFlow.Workflows.Definitions;
using CaseFlow.Workflows.Expressions;
using CaseFlow.Workflows.Runtime;

namespace CaseFlow.Workflows.Activities.Flow;

/// <summary>Runs every branch: each name in <c>branches</c> is an outcome port.</summary>
public sealed class FlowFork : IActivityHandler
{
    public ActivityDescriptor Descriptor { get; } = new(
        "Elsa.FlowFork", Categories.Flow, "Diramazione", "Avvia più rami in parallelo.",
        [new InputDescriptor("branches", "String[]", "Rami", "I nomi dei rami.", UiHints.DynamicOutcomes)],
        [], HasDynamicPorts: true);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var branches = context.GetStringList("branches");
        return ValueTask.FromResult(ActivityResult.WithOutcomes(branches.Count > 0 ? [.. branches] : ["Done"]));
    }

    public IReadOnlyList<string>? PortsOf(ActivityNode node)
    {
        // Ports are known at design time only when the branches are a literal.
        var expression = WorkflowExpression.From(node.Json["branches"]);
        if (expression is null)
        {
            return ["Done"];
        }

        if (expression.Type is not ("Literal" or "Object"))
        {
            return null;
        }

        var branches = ActivityContext.ToStringList(expression.Evaluate(new ExpressionScope(new Dictionary<string, System.Text.Json.Nodes.JsonNode?>(), [], "", "", () => null)));
        return branches.Count > 0 ? branches : ["Done"];
    }
}
