using System.Text.Json.Nodes;
using CaseFlow.Workflows.Activities.Composition;
using CaseFlow.Workflows.Definitions;
using Npgsql;

namespace CaseFlow.Workflows.Runtime;

/// <summary>
/// Child instances. A step that asks for children starts them in its own transaction, after it is saved; a child that
/// finishes resumes the parent's bookmark in the child's transaction, so the parent never polls and a crash between the
/// two cannot happen: both commit or neither. A wait on a child that goes away (the parent cancelled, a branch not
/// taken) cancels the child with it. Lock order is always child, then parent.
/// </summary>
public sealed partial class WorkflowRuntime
{
    private async Task<InstanceSnapshot> SaveChainAsync(
        StepChain chain, WorkflowDefinition definition, InstanceRecord instance, WorkflowStep step, bool resolveIncidents, bool parentHeld, CancellationToken ct)
    {
        var snapshot = await SaveOneAsync(chain, definition, instance, step, resolveIncidents, ct);
        var effects = step.Changes.Effects;
        if (effects.OfType<InstanceFaulted>().LastOrDefault() is { } faulted)
        {
            chain.Faults[instance.Id] = faulted.Message;
        }

        foreach (var removed in effects.OfType<BookmarkRemoved>().Where(r => r is { Resumed: false, Bookmark.Kind: ChildWorkflow.BookmarkKind }))
        {
            await CancelChildAsync(chain, removed.Bookmark.Payload["childInstanceId"]!.GetValue<string>(), ct);
        }

        foreach (var request in effects.OfType<ChildWorkflowRequested>())
        {
            var (child, childStep) = await StartChildAsync(chain, instance, request, ct);
            if (child is null || child.IsFinished || !request.Wait)
            {
                snapshot = await ResumeParentAsync(chain, instance, request.ChildInstanceId, ResultOf(chain, child, request), ct) ?? snapshot;
            }
        }

        if (effects.OfType<EventPublished>().ToList() is { Count: > 0 } events)
        {
            snapshot = await DeliverEventsAsync(chain, instance, definition, events, ct) ?? snapshot;
        }

        if (instance.IsFinished && instance.ParentInstanceId is { } parentId && !parentHeld)
        {
            var parent = await InstanceStore.LockAsync(chain.Connection, chain.Transaction, parentId, skipLocked: false, ct);
            if (parent is not null)
            {
                await ResumeParentAsync(chain, parent, instance.Id, ResultOf(chain, instance, null), ct);
            }
        }

        return snapshot;
    }

    private async Task<(InstanceRecord? Child, WorkflowStep? Step)> StartChildAsync(StepChain chain, InstanceRecord parent, ChildWorkflowRequested request, CancellationToken ct)
    {
        var definition = (request.DefinitionVersionId is { } versionId ? await definitions.FindByIdAsync(versionId, ct) : null)
                         ?? await definitions.FindAsync(request.DefinitionId, VersionOptions.Published, ct);
        if (definition is null || definition.DefinitionId != request.DefinitionId)
        {
            chain.Faults[request.ChildInstanceId] = $"No published version of workflow definition '{request.DefinitionId}'.";
            return (null, null);
        }

        // The designer may write an input's name in another case than the definition declares it.
        var input = new JsonObject();
        foreach (var (name, value) in request.Input)
        {
            input[definition.Inputs.FirstOrDefault(i => string.Equals(i, name, StringComparison.OrdinalIgnoreCase)) ?? name] = value?.DeepClone();
        }

        var now = clock.GetUtcNow();
        var child = InstanceRecord.New(definition, request.ChildInstanceId, null, request.CorrelationId, input, now, parent);
        await InstanceStore.InsertAsync(chain.Connection, chain.Transaction, child, ct);
        var step = new WorkflowStep(definition, child, [], registry, clock, logger);
        await step.StartAsync();
        await SaveChainAsync(chain, definition, child, step, resolveIncidents: false, parentHeld: true, ct);
        return (child, step);
    }

    /// <summary>Resumes the parent's wait on this child, if it still waits; null when nothing waited.</summary>
    private async Task<InstanceSnapshot?> ResumeParentAsync(StepChain chain, InstanceRecord parent, string childId, JsonObject result, CancellationToken ct)
    {
        if (parent.IsFinished)
        {
            return null;
        }

        var bookmarks = await InstanceStore.BookmarksAsync(chain.Connection, chain.Transaction, parent.Id, ct);
        var bookmark = bookmarks.FirstOrDefault(b => b.Kind == ChildWorkflow.BookmarkKind && b.Payload["childInstanceId"]?.GetValue<string>() == childId);
        if (bookmark is null)
        {
            return null;
        }

        var definition = await DefinitionOf(parent, ct);
        var step = new WorkflowStep(definition, parent, bookmarks, registry, clock, logger);
        await step.ResumeAsync(bookmark, result);
        return await SaveChainAsync(chain, definition, parent, step, resolveIncidents: false, parentHeld: false, ct);
    }

    private async Task CancelChildAsync(StepChain chain, string childId, CancellationToken ct)
    {
        // Never wait for a child another step holds (it may be waiting for this parent): the caller rolls back and retries.
        var child = await InstanceStore.LockAsync(chain.Connection, chain.Transaction, childId, skipLocked: true, ct);
        if (child is null)
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM workflow_instances WHERE id = @id", chain.Connection, chain.Transaction);
            exists.Parameters.AddWithValue("id", childId);
            if (await exists.ExecuteScalarAsync(ct) is not null)
            {
                throw new InstanceBusyException(childId);
            }

            return;
        }

        if (child.IsFinished)
        {
            return;
        }

        var definition = await DefinitionOf(child, ct);
        var bookmarks = await InstanceStore.BookmarksAsync(chain.Connection, chain.Transaction, child.Id, ct);
        var step = new WorkflowStep(definition, child, bookmarks, registry, clock, logger);
        await step.CancelAsync();
        await SaveChainAsync(chain, definition, child, step, resolveIncidents: false, parentHeld: true, ct);
    }

    private static JsonObject ResultOf(StepChain chain, InstanceRecord? child, ChildWorkflowRequested? request)
    {
        var id = child?.Id ?? request!.ChildInstanceId;
        return new JsonObject
        {
            ["workflowInstanceId"] = id,
            ["status"] = child?.Status ?? WorkflowStatus.Finished,
            ["subStatus"] = child?.SubStatus ?? WorkflowSubStatus.Faulted,
            ["output"] = child?.State.Output.DeepClone() ?? new JsonObject(),
            ["outcomes"] = new JsonArray([.. (child?.State.Outcomes ?? []).Select(o => (JsonNode)o)]),
            ["fault"] = chain.Faults.GetValueOrDefault(id),
        };
    }
}

/// <summary>The steps saved in one transaction: an instance's, its children's, the parents they resumed.</summary>
internal sealed class StepChain(NpgsqlConnection connection, NpgsqlTransaction transaction)
{
    public NpgsqlConnection Connection { get; } = connection;

    public NpgsqlTransaction Transaction { get; } = transaction;

    public List<WorkflowEffectContext> Contexts { get; } = [];

    /// <summary>How many events this transaction delivered (a bound on instances publishing to each other).</summary>
    public int EventDeliveries { get; set; }

    /// <summary>Per instance that faulted in this chain (or child that could not start), the message.</summary>
    public Dictionary<string, string> Faults { get; } = [];
}
