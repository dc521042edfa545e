using System.Text.Json.Nodes;
using CaseFlow.Workflows.Definitions;
using CaseFlow.Workflows.Expressions;
using CaseFlow.Workflows.Runtime;

namespace CaseFlow.Workflows.Activities.Flow;

/// <summary>Elsa's switch: <c>cases</c> = [{label, condition}], <c>mode</c> MatchFirst (default) or MatchAny; else <c>Default</c>.</summary>
public sealed class FlowSwitch : IActivityHandler
{
    public ActivityDescriptor Descriptor { get; } = new(
        "Elsa.FlowSwitch", Categories.Flow, "Selezione", "Segue il ramo del primo caso vero (o di tutti, in modalità MatchAny).",
        [
            new InputDescriptor("cases", "Elsa.Workflows.Activities.Flowchart.Models.FlowSwitchCase[]", "Casi", "Etichetta e condizione di ciascun caso.", UiHints.FlowSwitchEditor, IsWrapped: false),
            new InputDescriptor("mode", "Elsa.Workflows.Activities.Flowchart.Models.SwitchMode", "Modalità", "MatchFirst: il primo caso vero; MatchAny: tutti i casi veri.", UiHints.DropDown, "MatchFirst",
                Options: [new("MatchFirst", "MatchFirst"), new("MatchAny", "MatchAny")]),
        ],
        ["Default"], HasDynamicPorts: true);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var matchAny = string.Equals(context.GetString("mode"), "MatchAny", StringComparison.OrdinalIgnoreCase);
        var matched = new List<string>();
        foreach (var (label, condition) in Cases(context.Node))
        {
            var value = condition?.Evaluate(context.Scope);
            if (value is true || (value is string s && bool.TryParse(s, out var b) && b))
            {
                matched.Add(label);
                if (!matchAny)
                {
                    break;
                }
            }
        }

        return ValueTask.FromResult(ActivityResult.WithOutcomes(matched.Count > 0 ? [.. matched] : ["Default"]));
    }

    public IReadOnlyList<string>? PortsOf(ActivityNode node) => [.. Cases(node).Select(c => c.Label), "Default"];

    private static IEnumerable<(string Label, WorkflowExpression? Condition)> Cases(ActivityNode node)
    {
        var cases = node.Json["cases"] switch
        {
            JsonArray array => array,
            JsonObject wrapped when WorkflowExpression.From(wrapped)?.Value is JsonArray inner => inner,
            _ => [],
        };
        foreach (var item in cases.OfType<JsonObject>())
        {
            var label = item["label"]?.GetValue<string>();
            if (!string.IsNullOrWhiteSpace(label))
            {
                yield return (label, WorkflowExpression.From(item["condition"]));
            }
        }
    }
}
