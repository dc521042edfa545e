using System.Text.Json.Nodes;
using CaseFlow.Workflows.Definitions;
using CaseFlow.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using static CaseFlow.Tests.Workflows.Def;

namespace CaseFlow.Tests.Workflows;

/// <summary>
/// Elsa's Event and PublishEvent, stated as elsa-core states them: an Event waits on a bookmark keyed by its name and
/// completes with the payload; publishing resumes every matching wait (scoped by correlation id, or to the publisher
/// alone when local) and starts the definitions whose trigger is that event. Delivery is part of the publisher's transaction.
/// </summary>
public class EventTests(RuntimeFixture fixture) : IClassFixture<RuntimeFixture>
{
    private static string NewEvent(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    private static JsonObject Bound(string variable) => new() { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = variable } };

    private static JsonObject Waits(string eventName, string id = "wait") => Activity(id, "Elsa.Event", ("eventName", Literal(eventName)), ("result", Bound("Ricevuto")));

    private static JsonObject Publish(string eventName, string payload, string? correlationId = null, bool local = false) => Activity("publish", "Elsa.PublishEvent",
        ("eventName", Literal(eventName)), ("correlationId", Literal(correlationId)), ("isLocalEvent", Literal(local, "Boolean")), ("payload", Expression("Object", payload)));

    private static JsonObject Waiter(string eventName) => Flowchart("waiter", [Start(), Waits(eventName), End()], [("start", "Done", "wait"), ("wait", "Done", "end")], "Ricevuto");

    private static JsonObject Publisher(JsonObject publish) => Flowchart("publisher", [Start(), publish, End()], [("start", "Done", "publish"), ("publish", "Done", "end")]);

    private async Task<(string SubStatus, JsonNode? Received)> StateAsync(string instanceId)
    {
        var subStatus = await fixture.ScalarAsync<string>("SELECT sub_status FROM workflow_instances WHERE id = @id", ("id", instanceId));
        var received = await fixture.ScalarAsync<string>("SELECT state->'variables'->>'Ricevuto' FROM workflow_instances WHERE id = @id", ("id", instanceId));
        return (subStatus!, received is null ? null : JsonNode.Parse(received));
    }

    [Fact]
    public async Task An_Event_waits_on_a_bookmark_keyed_by_its_name_and_PublishEvent_resumes_every_instance_waiting_on_it_with_the_payload()
    {
        var (name, other) = (NewEvent("pagamento"), NewEvent("altro"));
        var first = await fixture.RunAsync(Waiter(name));
        var second = await fixture.RunAsync(Waiter(name));
        var elsewhere = await fixture.RunAsync(Waiter(other));
        var bookmark = Assert.Single(first.Bookmarks);
        Assert.Equal(WorkflowSubStatus.Suspended, first.SubStatus);
        Assert.Equal("event", bookmark.Kind);
        Assert.Equal(name, bookmark.Payload["eventName"]!.GetValue<string>());

        var publisher = await fixture.RunAsync(Publisher(Publish(name, "{\"esito\": \"pagato\", \"importo\": 120}")));

        Assert.Equal(WorkflowSubStatus.Finished, publisher.SubStatus);
        foreach (var waiter in new[] { first, second })
        {
            var (subStatus, received) = await StateAsync(waiter.Id);
            Assert.Equal(WorkflowSubStatus.Finished, subStatus);
            Assert.Equal("pagato", received!["esito"]!.GetValue<string>());
            Assert.Equal(120, received["importo"]!.GetValue<int>());
            Assert.Equal(["start", "wait", "end"], (await fixture.JournalAsync(waiter.Id)).Where(e => e.Event == "Completed").Select(e => e.ActivityId).ToArray());
        }

        Assert.Equal(WorkflowSubStatus.Suspended, (await StateAsync(elsewhere.Id)).SubStatus);
    }

    [Fact]
    public async Task A_correlation_id_scopes_the_event_to_the_instances_with_that_correlation_id()
    {
        var name = NewEvent("esito-inps");
        var published = await fixture.PublishAsync(Waiter(name));
        var mine = await fixture.Runtime.StartAsync(new StartWorkflow(published.DefinitionId, CorrelationId: "pratica-1"), CancellationToken.None);
        var theirs = await fixture.Runtime.StartAsync(new StartWorkflow(published.DefinitionId, CorrelationId: "pratica-2"), CancellationToken.None);

        await fixture.RunAsync(Publisher(Publish(name, "{\"esito\": \"confermato\"}", correlationId: "pratica-1")));

        Assert.Equal(WorkflowSubStatus.Finished, (await StateAsync(mine.Id)).SubStatus);
        Assert.Equal(WorkflowSubStatus.Suspended, (await StateAsync(theirs.Id)).SubStatus);
    }

    [Fact]
    public async Task A_local_event_reaches_only_the_publishers_own_wait_and_starts_nothing()
    {
        var name = NewEvent("locale");
        var outsider = await fixture.RunAsync(Waiter(name));
        var triggered = Flowchart("local-trigger", [Waits(name, "trigger"), End()], [("trigger", "Done", "end")], "Ricevuto");
        triggered["root"]!["activities"]![0]!["customProperties"]!["canStartWorkflow"] = true;
        var trigger = await fixture.PublishAsync(triggered);

        var self = await fixture.RunAsync(Flowchart("local-self", [Start(), Fork("fork", "a", "b"), Waits(name), Publish(name, "{\"da\": \"me\"}", local: true), End()],
            [("start", "Done", "fork"), ("fork", "a", "wait"), ("fork", "b", "publish"), ("wait", "Done", "end")], "Ricevuto"));

        var (subStatus, received) = await StateAsync(self.Id);
        Assert.Equal(WorkflowSubStatus.Finished, subStatus);
        Assert.Equal("me", received!["da"]!.GetValue<string>());
        Assert.Equal(WorkflowSubStatus.Suspended, (await StateAsync(outsider.Id)).SubStatus);
        Assert.Equal(0L, await fixture.ScalarAsync<long>("SELECT count(*) FROM workflow_instances WHERE definition_id = @d", ("d", trigger.DefinitionId)));
    }

    [Fact]
    public async Task A_published_definition_whose_Event_can_start_the_workflow_gets_a_new_instance_started_at_that_trigger_with_the_payload()
    {
        var name = NewEvent("domanda-ricevuta");
        var model = Flowchart("event-trigger", [Waits(name, "trigger"), Activity("print", "Elsa.WriteLine", ("text", Js("'ricevuta ' + getRicevuto().pratica", "String"))), End()],
            [("trigger", "Done", "print"), ("print", "Done", "end")], "Ricevuto");
        model["root"]!["activities"]![0]!["customProperties"]!["canStartWorkflow"] = true;
        var published = await fixture.PublishAsync(model);
        // A draft with the same trigger starts nothing: only published definitions are triggers.
        var draft = (JsonObject)model.DeepClone();
        draft["definitionId"] = $"bozza-{Guid.NewGuid():N}";
        await fixture.Definitions.SaveAsync(draft, publish: false, "test", CancellationToken.None);

        var delivery = await fixture.Runtime.PublishEventAsync(name, "c-9", new JsonObject { ["pratica"] = "P-7" }, CancellationToken.None);

        var started = Assert.Single(delivery.Started);
        Assert.Empty(delivery.Resumed);
        Assert.Equal(published.DefinitionId, await fixture.ScalarAsync<string>("SELECT definition_id FROM workflow_instances WHERE id = @id", ("id", started)));
        Assert.Equal("c-9", await fixture.ScalarAsync<string>("SELECT correlation_id FROM workflow_instances WHERE id = @id", ("id", started)));
        Assert.Equal("P-7", await fixture.ScalarAsync<string>("SELECT state->'input'->'__EventPayloadWorkflowInput'->>'pratica' FROM workflow_instances WHERE id = @id", ("id", started)));
        var (subStatus, received) = await StateAsync(started);
        Assert.Equal(WorkflowSubStatus.Finished, subStatus);
        Assert.Equal("P-7", received!["pratica"]!.GetValue<string>());
        // The trigger completed at once, without waiting.
        var journal = await fixture.JournalAsync(started);
        Assert.DoesNotContain(journal, e => e.ActivityId == "trigger" && e.Event == "Suspended");
        Assert.Equal(["trigger", "print", "end"], journal.Where(e => e.Event == "Completed").Select(e => e.ActivityId).ToArray());

        // Unpublished, the definition is no trigger any more.
        await fixture.Definitions.RetractAsync(published.DefinitionId, CancellationToken.None);
        Assert.Empty((await fixture.Runtime.PublishEventAsync(name, null, null, CancellationToken.None)).Started);
    }

    [Fact]
    public async Task The_delivery_is_part_of_the_publishers_transaction_and_a_rollback_leaves_every_wait_and_trigger_as_it_was()
    {
        var name = NewEvent("annullato");
        var waiter = await fixture.RunAsync(Waiter(name));
        var model = Flowchart("rollback-trigger", [Waits(name, "trigger"), End()], [("trigger", "Done", "end")], "Ricevuto");
        model["root"]!["activities"]![0]!["customProperties"]!["canStartWorkflow"] = true;
        var trigger = await fixture.PublishAsync(model);

        await using (var work = await UnitOfWork.BeginAsync(fixture.App.Services.GetRequiredService<Npgsql.NpgsqlDataSource>(), TimeProvider.System, "test", CancellationToken.None))
        {
            var delivery = await fixture.Runtime.PublishEventAsync(work, name, null, new JsonObject { ["x"] = 1 }, CancellationToken.None);
            Assert.Equal([waiter.Id], delivery.Resumed);
            Assert.Single(delivery.Started);
            // Disposed without a commit: the caller's change failed.
        }

        Assert.Equal(WorkflowSubStatus.Suspended, (await StateAsync(waiter.Id)).SubStatus);
        Assert.Equal(1L, await fixture.ScalarAsync<long>("SELECT count(*) FROM workflow_bookmarks WHERE instance_id = @id", ("id", waiter.Id)));
        Assert.Equal(0L, await fixture.ScalarAsync<long>("SELECT count(*) FROM workflow_instances WHERE definition_id = @d", ("d", trigger.DefinitionId)));

        await fixture.Runtime.PublishEventAsync(name, null, new JsonObject { ["x"] = 2 }, CancellationToken.None);
        var (subStatus, received) = await StateAsync(waiter.Id);
        Assert.Equal(WorkflowSubStatus.Finished, subStatus);
        Assert.Equal(2, received!["x"]!.GetValue<int>());
    }
}
