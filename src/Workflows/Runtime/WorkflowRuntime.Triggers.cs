using System.Text.Json.Nodes;
using CaseFlow.Workflows.Definitions;
using CaseFlow.Workflows.Expressions;

namespace CaseFlow.Workflows.Runtime;

/// <summary>
/// Instances started at a trigger (an Event, a Cron, a Timer marked <c>canStartWorkflow</c>), as Elsa starts them: at
/// the trigger activity rather than at Start, the trigger completing at once instead of waiting.
/// </summary>
public sealed partial class WorkflowRuntime
{
    /// <summary>Whether the designer marked the activity as one that starts the workflow (Elsa's "Trigger workflow").</summary>
    public static bool CanStartWorkflow(ActivityNode node) =>
        node.Json["customProperties"]?["canStartWorkflow"] is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;

    /// <summary>The activities of a definition's own flowchart (not of a loop's body) that start it, of one type.</summary>
    public static IEnumerable<ActivityNode> TriggersOf(WorkflowDefinition definition, string activityType) =>
        definition.Root.Activities.Where(a => a.Scope is null && a.Type == activityType && CanStartWorkflow(a));

    /// <summary>
    /// A trigger's input evaluated without an instance, as Elsa indexes triggers when a definition is published (a
    /// literal, in practice); null when it is empty or cannot be evaluated so.
    /// </summary>
    public static string? TriggerInput(ActivityNode trigger, string input)
    {
        try
        {
            var value = JsonClr.AsString(WorkflowExpression.From(trigger.Json[input])?.Evaluate(new ExpressionScope(new Dictionary<string, JsonNode?>(), [], "", trigger.Id, () => null)));
            return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        }
        catch (ExpressionException)
        {
            return null;
        }
    }

    /// <summary>Starts an instance at a trigger inside the caller's unit of work; nothing is visible until the caller commits.</summary>
    internal async Task<string> StartAtTriggerAsync(UnitOfWork work, WorkflowDefinition definition, string triggerActivityId, JsonObject input, string? correlationId, CancellationToken ct)
    {
        var chain = new StepChain(work.Connection, work.Transaction);
        var id = await StartAtTriggerAsync(chain, definition, triggerActivityId, input, correlationId, ct);
        work.AfterCommit(() => RunAfterCommit(chain));
        return id;
    }

    private async Task<string> StartAtTriggerAsync(StepChain chain, WorkflowDefinition definition, string triggerActivityId, JsonObject input, string? correlationId, CancellationToken ct)
    {
        var instance = InstanceRecord.New(definition, Guid.CreateVersion7().ToString("N"), null, correlationId, input, clock.GetUtcNow());
        await InstanceStore.InsertAsync(chain.Connection, chain.Transaction, instance, ct);
        var step = new WorkflowStep(definition, instance, [], registry, clock, logger, Budget);
        await step.StartAsync(triggerActivityId);
        await SaveChainAsync(chain, definition, instance, step, resolveIncidents: false, parentHeld: false, ct);
        return instance.Id;
    }

    private static void RunAfterCommit(StepChain chain)
    {
        foreach (var action in chain.Contexts.SelectMany(c => c.AfterCommit))
        {
            action();
        }
    }
}
