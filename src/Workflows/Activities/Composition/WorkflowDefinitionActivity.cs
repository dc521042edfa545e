using System.Text.Json.Nodes;
using CaseFlow.Workflows.Definitions;
using CaseFlow.Workflows.Expressions;
using CaseFlow.Workflows.Runtime;

namespace CaseFlow.Workflows.Activities.Composition;

/// <summary>
/// A published definition with <c>options.usableAsActivity</c>, placed in another definition (Elsa's
/// WorkflowDefinitionActivity). Its node's type is the definition's name in PascalCase and it names the definition
/// (<c>workflowDefinitionId</c>, <c>workflowDefinitionVersionId</c>); its inputs are the definition's inputs, its
/// outputs bind the definition's outputs to variables, and it completes with the outcomes the definition completed
/// with. Elsa inlines the definition in the parent; CaseFlow runs it as a child instance the parent waits for, so an
/// office task inside it is an ordinary durable wait. A child that faults faults this activity, as an inlined
/// activity's fault would.
/// </summary>
public sealed class WorkflowDefinitionActivity : IActivityHandler
{
    public const string TypeName = "Elsa.WorkflowDefinitionActivity";

    // Properties of the node that are not the definition's inputs.
    private static readonly HashSet<string> Own = new(StringComparer.OrdinalIgnoreCase)
    {
        "id", "nodeId", "name", "type", "version", "customProperties", "metadata", "workflowDefinitionId", "workflowDefinitionVersionId",
        "latestAvailablePublishedVersion", "latestAvailablePublishedVersionId", "canStartWorkflow", "runAsynchronously",
    };

    public ActivityDescriptor Descriptor { get; } = new(
        TypeName, "Workflows", "Procedimento riutilizzabile", "Un procedimento pubblicato usato come attività.", [], ["Done"], IsBrowsable: false);

    public bool ResumableByToken => false;

    /// <summary>Whether a node places a definition (its type is the definition's own name, not a registered type).</summary>
    public static bool Places(JsonObject json) => json["workflowDefinitionId"] is JsonValue;

    // The outcomes are the child's: only known at run time.
    public IReadOnlyList<string>? PortsOf(ActivityNode node) => null;

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var json = context.Node.Json;
        var input = new JsonObject();
        foreach (var (name, value) in json.ToList())
        {
            if (!Own.Contains(name) && value is JsonObject wrapped && wrapped.ContainsKey("expression"))
            {
                input[name] = JsonClr.ToNode(context.Evaluate(name));
            }
        }

        var definitionId = json["workflowDefinitionId"]!.GetValue<string>();
        var versionId = json["workflowDefinitionVersionId"]?.GetValue<string>();
        return ValueTask.FromResult(ChildWorkflow.Start(context, definitionId, versionId, input, null, wait: true));
    }

    public ValueTask<ActivityResult> ResumeAsync(ActivityContext context, StoredBookmark bookmark)
    {
        var child = ChildResult.From(context.ResumeInput);
        if (child.Faulted)
        {
            throw new ChildWorkflowFaultedException(child.WorkflowInstanceId, child.Fault);
        }

        // Each output of the child goes to the variable the designer bound the same-named output of this node to.
        var byName = context.Node.Json.Select(p => p.Key).ToDictionary(k => k, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in child.Output)
        {
            if (byName.TryGetValue(name, out var property) && context.Node.Json[property] is JsonObject { } binding && binding.ContainsKey("memoryReference"))
            {
                context.SetOutput(property, JsonClr.ToClr(value));
            }
        }

        return ValueTask.FromResult(ActivityResult.WithOutcomes([.. child.Outcomes.Count > 0 ? child.Outcomes : ["Done"]]));
    }
}
