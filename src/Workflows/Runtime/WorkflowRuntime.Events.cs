using System.Text.Json.Nodes;
using CaseFlow.Workflows.Activities.Events;
using CaseFlow.Workflows.Definitions;
using Npgsql;

namespace CaseFlow.Workflows.Runtime;

/// <summary>What one published event did: the instances it resumed and the ones it started.</summary>
public sealed record EventDelivery(IReadOnlyList<string> Resumed, IReadOnlyList<string> Started);

/// <summary>
/// Events between instances (Elsa's Event and PublishEvent). An event is delivered in the publisher's transaction: each
/// waiting instance is locked (in id order) and resumed, each definition it triggers gets a new instance, and all of it
/// commits with the publisher's step or not at all. Unlike Elsa, an event nobody waits for is not queued for a wait
/// created later: it reaches what waits when it is published. Two publishers reaching each other's instances at the same
/// moment can deadlock; PostgreSQL then aborts one of the two transactions whole, to be tried again.
/// </summary>
public sealed partial class WorkflowRuntime
{
    // A cycle of instances publishing to each other would otherwise never end inside one transaction.
    private const int MaxEventDeliveriesPerTransaction = 1000;

    /// <summary>Publishes an event from outside any instance (a module, an API call), in a transaction of its own.</summary>
    public Task<EventDelivery> PublishEventAsync(string name, string? correlationId, JsonNode? payload, CancellationToken ct) =>
        PublishEventAsync(name, correlationId, null, payload, ct);

    /// <param name="instanceId">Only this instance's waits (Elsa's <c>workflowInstanceId</c>); null for every instance.</param>
    public async Task<EventDelivery> PublishEventAsync(string name, string? correlationId, string? instanceId, JsonNode? payload, CancellationToken ct)
    {
        await using var work = await UnitOfWork.BeginAsync(dataSource, clock, "sistema", ct);
        var delivery = await PublishEventAsync(work, name, correlationId, instanceId, payload, ct);
        await work.CommitAsync(ct);
        return delivery;
    }

    /// <summary>Publishes an event inside the caller's unit of work: the resumed and started instances commit with the caller's change.</summary>
    public Task<EventDelivery> PublishEventAsync(UnitOfWork work, string name, string? correlationId, JsonNode? payload, CancellationToken ct) =>
        PublishEventAsync(work, name, correlationId, null, payload, ct);

    public async Task<EventDelivery> PublishEventAsync(UnitOfWork work, string name, string? correlationId, string? instanceId, JsonNode? payload, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("An event needs a name.", nameof(name));
        }

        var chain = new StepChain(work.Connection, work.Transaction);
        var (resumed, started) = (new List<string>(), new List<string>());
        await DeliverAsync(chain, null, null, new EventPublished(name.Trim(), string.IsNullOrWhiteSpace(correlationId) ? null : correlationId, instanceId, payload), resumed, started, ct);
        work.AfterCommit(() => RunAfterCommit(chain));
        return new EventDelivery(resumed, started);
    }

    /// <summary>Delivers the events a saved step published; the publisher's snapshot when the delivery resumed the publisher itself.</summary>
    private async Task<InstanceSnapshot?> DeliverEventsAsync(StepChain chain, InstanceRecord publisher, WorkflowDefinition definition, IEnumerable<EventPublished> events, CancellationToken ct)
    {
        InstanceSnapshot? own = null;
        foreach (var published in events)
        {
            own = await DeliverAsync(chain, publisher, definition, published, [], [], ct) ?? own;
        }

        return own;
    }

    private async Task<InstanceSnapshot?> DeliverAsync(
        StepChain chain, InstanceRecord? publisher, WorkflowDefinition? publisherDefinition, EventPublished published, List<string> resumedIds, List<string> startedIds, CancellationToken ct)
    {
        if (++chain.EventDeliveries > MaxEventDeliveriesPerTransaction)
        {
            throw new InvalidOperationException($"More than {MaxEventDeliveriesPerTransaction} events delivered in one transaction: instances publishing to each other without end?");
        }

        InstanceSnapshot? own = null;
        foreach (var (instanceId, bookmarkIds) in await WaitingOnAsync(chain, published, ct))
        {
            var target = instanceId == publisher?.Id ? publisher : await InstanceStore.LockAsync(chain.Connection, chain.Transaction, instanceId, skipLocked: false, ct);
            if (target is null || target.IsFinished)
            {
                continue;
            }

            var definition = target == publisher ? publisherDefinition! : await DefinitionOf(target, ct);
            var step = new WorkflowStep(definition, target, await InstanceStore.BookmarksAsync(chain.Connection, chain.Transaction, target.Id, ct), registry, clock, logger, Budget);
            var resumed = false;
            foreach (var bookmarkId in bookmarkIds)
            {
                // An earlier resume of this delivery may have ended the instance or cancelled the other wait.
                if (target.IsFinished || step.Bookmarks.FirstOrDefault(b => b.Id == bookmarkId) is not { } bookmark)
                {
                    continue;
                }

                await step.ResumeAsync(bookmark, new JsonObject { ["eventName"] = published.Name, ["payload"] = published.Payload?.DeepClone() });
                resumed = true;
            }

            if (resumed)
            {
                resumedIds.Add(target.Id);
                var snapshot = await SaveChainAsync(chain, definition, target, step, resolveIncidents: false, parentHeld: false, ct);
                own = target == publisher ? snapshot : own;
            }
        }

        if (published.LocalInstanceId is null)
        {
            await StartTriggeredAsync(chain, published, startedIds, ct);
        }

        return own;
    }

    /// <summary>Per instance (in id order, the order they are locked in), the ids of its bookmarks waiting on this event.</summary>
    private static async Task<List<(string InstanceId, string[] BookmarkIds)>> WaitingOnAsync(StepChain chain, EventPublished published, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT b.instance_id, array_agg(b.id ORDER BY b.created_at, b.id)
            FROM workflow_bookmarks b JOIN workflow_instances i ON i.id = b.instance_id
            WHERE b.activity_type = @type AND b.payload->>'$kind' = @kind AND b.payload->'data'->>'eventName' = @name AND i.status <> 'Finished'
              AND (@correlation::text IS NULL OR i.correlation_id = @correlation) AND (@local::text IS NULL OR i.id = @local)
            GROUP BY b.instance_id ORDER BY b.instance_id
            """, chain.Connection, chain.Transaction);
        command.Parameters.AddWithValue("type", Event.TypeName);
        command.Parameters.AddWithValue("kind", Event.BookmarkKind);
        command.Parameters.AddWithValue("name", published.Name);
        command.Parameters.AddWithValue("correlation", (object?)published.CorrelationId ?? DBNull.Value);
        command.Parameters.AddWithValue("local", (object?)published.LocalInstanceId ?? DBNull.Value);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var found = new List<(string, string[])>();
        while (await reader.ReadAsync(ct))
        {
            found.Add((reader.GetString(0), reader.GetFieldValue<string[]>(1)));
        }

        return found;
    }

    /// <summary>A new instance of every published definition whose trigger is this event, started at that trigger with the payload as Elsa passes it.</summary>
    private async Task StartTriggeredAsync(StepChain chain, EventPublished published, List<string> startedIds, CancellationToken ct)
    {
        foreach (var definition in await definitions.PublishedWithTriggerAsync(chain.Connection, chain.Transaction, Event.TypeName, ct))
        {
            foreach (var trigger in TriggersOf(definition, Event.TypeName).Where(a => TriggerInput(a, "eventName") == published.Name))
            {
                var input = new JsonObject { [Event.PayloadInputKey] = published.Payload?.DeepClone() };
                startedIds.Add(await StartAtTriggerAsync(chain, definition, trigger.Id, input, published.CorrelationId, ct));
            }
        }
    }
}
