using System.Text.Json.Nodes;
using CaseFlow.Workflows.Definitions;
using CaseFlow.Workflows.Runtime;
using static CaseFlow.Tests.Workflows.Def;

namespace CaseFlow.Tests.Workflows;

/// <summary>
/// Workflows as activities, ExecuteWorkflow and DispatchWorkflow, stated as elsa-core's tests state them: the child's
/// inputs and outputs, the parent's variables, statuses and which activities ran. Every child is an instance of its own.
/// </summary>
public class ChildWorkflowTests(RuntimeFixture fixture) : IClassFixture<RuntimeFixture>
{
    private static JsonObject Bound(string variable) => new() { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = variable } };

    private static JsonObject Print(string id, string script) => Activity(id, "Elsa.WriteLine", ("text", Js(script, "String")));

    /// <summary>A reusable definition: input Message, output Reply, and a body that ends with Complete on an outcome.</summary>
    private static JsonObject Reusable(string id, JsonObject[] body, (string, string, string)[] connections)
    {
        var definition = Flowchart(id, body, connections);
        definition["inputs"] = new JsonArray(new JsonObject { ["name"] = "Message", ["type"] = "String", ["displayName"] = "Message" });
        definition["outputs"] = new JsonArray(new JsonObject { ["name"] = "Reply", ["type"] = "String", ["displayName"] = "Reply" });
        definition["outcomes"] = new JsonArray("Approvato", "Respinto");
        definition["options"] = new JsonObject { ["usableAsActivity"] = true };
        return definition;
    }

    private static JsonObject Echo(string id, WorkflowDefinition child, string message)
    {
        var node = Activity(id, "Echo", ("Message", Literal(message)), ("Reply", Bound("Risposta")));
        node["workflowDefinitionId"] = child.DefinitionId;
        node["workflowDefinitionVersionId"] = child.Id;
        node["latestAvailablePublishedVersion"] = child.Version;
        node["latestAvailablePublishedVersionId"] = child.Id;
        return node;
    }

    private async Task<InstanceSnapshot> ChildOfAsync(string parentId)
    {
        var childId = await fixture.ScalarAsync<string>("SELECT id FROM workflow_instances WHERE parent_instance_id = @p", ("p", parentId));
        Assert.NotNull(childId);
        return await SnapshotAsync(childId);
    }

    private async Task<InstanceSnapshot> SnapshotAsync(string id)
    {
        var status = await fixture.ScalarAsync<string>("SELECT status || '/' || sub_status FROM workflow_instances WHERE id = @id", ("id", id));
        var state = JsonNode.Parse((await fixture.ScalarAsync<string>("SELECT state::text FROM workflow_instances WHERE id = @id", ("id", id)))!)!;
        await using var connection = new Npgsql.NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        var bookmarks = await BookmarksAsync(id);
        var parts = status!.Split('/');
        return new InstanceSnapshot(id, "", "", 1, parts[0], parts[1], null, bookmarks, state["variables"]!.AsObject().DeepClone().AsObject());
    }

    private async Task<List<StoredBookmark>> BookmarksAsync(string id)
    {
        await using var connection = new Npgsql.NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT id, activity_id, payload::text FROM workflow_bookmarks WHERE instance_id = @id ORDER BY created_at", connection);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync();
        var list = new List<StoredBookmark>();
        while (await reader.ReadAsync())
        {
            var payload = JsonNode.Parse(reader.GetString(2))!;
            list.Add(new StoredBookmark(reader.GetString(0), id, reader.GetString(1), "", "", "", payload["$kind"]!.GetValue<string>(),
                payload["data"]!.AsObject().DeepClone().AsObject(), null, DateTimeOffset.UtcNow));
        }

        return list;
    }

    [Fact]
    public async Task A_definition_used_as_an_activity_gets_its_inputs_binds_its_outputs_and_continues_on_the_outcome_it_completed_with()
    {
        var child = await fixture.PublishAsync(Reusable("echo",
            [Start(), Activity("reply", "Elsa.SetOutput", ("outputName", Literal("Reply")), ("outputValue", Js("getMessage() + '!'"))),
                Activity("done", "Elsa.Complete", ("outcomes", Expression("Object", "[\"Approvato\"]")))],
            [("start", "Done", "reply"), ("reply", "Done", "done")]));

        var parent = await fixture.RunAsync(Flowchart("uses-echo",
            [Start(), Echo("echo1", child, "ciao"), Print("yes", "'approvato: ' + getRisposta()"), Print("no", "'respinto'"), End()],
            [("start", "Done", "echo1"), ("echo1", "Approvato", "yes"), ("echo1", "Respinto", "no"), ("yes", "Done", "end"), ("no", "Done", "end")], "Risposta"));

        Assert.Equal(WorkflowSubStatus.Finished, parent.SubStatus);
        Assert.Equal("ciao!", parent.Variables["Risposta"]!.GetValue<string>());
        var ran = (await fixture.JournalAsync(parent.Id)).Where(e => e.Event == "Completed").Select(e => e.ActivityId).ToList();
        Assert.Equal(["start", "echo1", "yes", "end"], ran);

        // The child is an instance of its own, with its parent, its root and Elsa's ParentInstanceId input.
        var childRow = await ChildOfAsync(parent.Id);
        Assert.Equal("Finished/Finished", $"{childRow.Status}/{childRow.SubStatus}");
        Assert.Equal(parent.Id, await fixture.ScalarAsync<string>("SELECT root_instance_id FROM workflow_instances WHERE id = @id", ("id", childRow.Id)));
        Assert.Equal(parent.Id, await fixture.ScalarAsync<string>("SELECT state->'input'->>'ParentInstanceId' FROM workflow_instances WHERE id = @id", ("id", childRow.Id)));
        Assert.Equal("ciao", await fixture.ScalarAsync<string>("SELECT state->'input'->>'Message' FROM workflow_instances WHERE id = @id", ("id", childRow.Id)));
    }

    [Fact]
    public async Task A_parent_waits_on_a_child_that_waits_and_the_childs_completion_resumes_it_in_the_same_step()
    {
        var child = await fixture.PublishAsync(Reusable("asl-opinion",
            [Start(), OfficeTask("opinion", "asl", "Favorevole", "Contrario"),
                Activity("ok", "Elsa.Complete", ("outcomes", Expression("Object", "[\"Approvato\"]"))),
                Activity("ko", "Elsa.Complete", ("outcomes", Expression("Object", "[\"Respinto\"]")))],
            [("start", "Done", "opinion"), ("opinion", "Favorevole", "ok"), ("opinion", "Contrario", "ko")]));

        var parent = await fixture.RunAsync(Flowchart("waits-on-child",
            [Start(), Echo("echo1", child, "x"), Print("yes", "'sì'"), Print("no", "'no'"), End()],
            [("start", "Done", "echo1"), ("echo1", "Approvato", "yes"), ("echo1", "Respinto", "no"), ("yes", "Done", "end"), ("no", "Done", "end")], "Risposta"));

        Assert.Equal(WorkflowSubStatus.Suspended, parent.SubStatus);
        Assert.Equal("ChildWorkflow", Assert.Single(parent.Bookmarks).Kind);
        var waiting = await ChildOfAsync(parent.Id);
        Assert.Equal(WorkflowSubStatus.Suspended, waiting.SubStatus);
        var task = Assert.Single(waiting.Bookmarks);
        Assert.Equal("asl", task.Payload["office"]!.GetValue<string>());

        // The office task is resumed on the child; the parent goes on in the same transaction (no poll, no sweep).
        await fixture.Runtime.ResumeAsync(waiting.Id, task.Id, new JsonObject { ["outcome"] = "Contrario" }, CancellationToken.None);

        var after = await SnapshotAsync(parent.Id);
        Assert.Equal(WorkflowSubStatus.Finished, after.SubStatus);
        Assert.Empty(after.Bookmarks);
        var ran = (await fixture.JournalAsync(parent.Id)).Where(e => e.Event == "Completed").Select(e => e.ActivityId).ToList();
        Assert.Equal(["start", "echo1", "no", "end"], ran);
    }

    [Fact]
    public async Task A_child_bookmark_is_resumed_through_the_root_instance_too()
    {
        var child = await fixture.PublishAsync(Reusable("root-resume",
            [Start(), OfficeTask("opinion", "asl", "Favorevole"), Activity("ok", "Elsa.Complete", ("outcomes", Expression("Object", "[\"Approvato\"]")))],
            [("start", "Done", "opinion"), ("opinion", "Favorevole", "ok")]));
        var parent = await fixture.RunAsync(Flowchart("root-resume-parent", [Start(), Echo("echo1", child, "x"), End()],
            [("start", "Done", "echo1"), ("echo1", "Approvato", "end")], "Risposta"));
        var waiting = await ChildOfAsync(parent.Id);
        var kind = Assert.Single(waiting.Bookmarks).Kind;

        var found = await fixture.Runtime.FindBookmarkAsync(parent.Id, kind, CancellationToken.None);
        Assert.Equal(waiting.Bookmarks[0].Id, found);
        await fixture.Runtime.ResumeAsync(parent.Id, found!, new JsonObject { ["outcome"] = "Favorevole" }, CancellationToken.None);

        Assert.Equal(WorkflowSubStatus.Finished, (await SnapshotAsync(parent.Id)).SubStatus);
    }

    [Fact]
    public async Task ExecuteWorkflow_waiting_for_completion_sets_the_result_to_the_childs_id_status_and_output()
    {
        var child = await fixture.PublishAsync(Reusable("exec-child",
            [Start(), OfficeTask("opinion", "asl", "Favorevole"), Activity("reply", "Elsa.SetOutput", ("outputName", Literal("Reply")), ("outputValue", Js("getMessage()")))],
            [("start", "Done", "opinion"), ("opinion", "Favorevole", "reply")]));
        var parent = await fixture.RunAsync(Flowchart("exec-parent",
            [Start(), Activity("exec", "Elsa.ExecuteWorkflow", ("workflowDefinitionId", Literal(child.DefinitionId)), ("input", Expression("Object", "{\"Message\":\"parere\"}")),
                ("waitForCompletion", Literal(true, "Boolean")), ("result", Bound("Esito"))), End()],
            [("start", "Done", "exec"), ("exec", "Done", "end")], "Esito"));
        Assert.Equal(WorkflowSubStatus.Suspended, parent.SubStatus);
        var waiting = await ChildOfAsync(parent.Id);

        await fixture.Runtime.ResumeAsync(waiting.Id, waiting.Bookmarks[0].Id, new JsonObject { ["outcome"] = "Favorevole" }, CancellationToken.None);

        var after = await SnapshotAsync(parent.Id);
        Assert.Equal(WorkflowSubStatus.Finished, after.SubStatus);
        var result = after.Variables["Esito"]!.AsObject();
        Assert.Equal(waiting.Id, result["workflowInstanceId"]!.GetValue<string>());
        Assert.Equal("Finished", result["status"]!.GetValue<string>());
        Assert.Equal("Finished", result["subStatus"]!.GetValue<string>());
        Assert.Equal("parere", result["output"]!["Reply"]!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteWorkflow_without_waiting_completes_once_the_child_first_waits()
    {
        var child = await fixture.PublishAsync(Reusable("exec-nowait",
            [Start(), OfficeTask("opinion", "asl", "Favorevole")], [("start", "Done", "opinion")]));
        var parent = await fixture.RunAsync(Flowchart("exec-nowait-parent",
            [Start(), Activity("exec", "Elsa.ExecuteWorkflow", ("workflowDefinitionId", Literal(child.DefinitionId)), ("result", Bound("Esito"))), End()],
            [("start", "Done", "exec"), ("exec", "Done", "end")], "Esito"));

        Assert.Equal(WorkflowSubStatus.Finished, parent.SubStatus);
        Assert.Equal("Suspended", parent.Variables["Esito"]!["subStatus"]!.GetValue<string>());
        Assert.Equal(WorkflowSubStatus.Suspended, (await ChildOfAsync(parent.Id)).SubStatus);
    }

    [Fact]
    public async Task DispatchWorkflow_returns_the_child_instance_id_and_the_child_lives_on_after_the_parent_finishes()
    {
        var child = await fixture.PublishAsync(Reusable("dispatched",
            [Start(), OfficeTask("opinion", "asl", "Favorevole")], [("start", "Done", "opinion")]));
        var parent = await fixture.RunAsync(Flowchart("dispatcher",
            [Start(), Activity("dispatch", "Elsa.DispatchWorkflow", ("workflowDefinitionId", Literal(child.DefinitionId)), ("result", Bound("Figlio"))), End()],
            [("start", "Done", "dispatch"), ("dispatch", "Done", "end")], "Figlio"));

        Assert.Equal(WorkflowSubStatus.Finished, parent.SubStatus);
        var dispatched = await ChildOfAsync(parent.Id);
        Assert.Equal(dispatched.Id, parent.Variables["Figlio"]!.GetValue<string>());
        Assert.Equal(WorkflowSubStatus.Suspended, dispatched.SubStatus);
    }

    [Fact]
    public async Task A_child_that_faults_faults_the_activity_that_placed_it_with_an_incident_and_ExecuteWorkflow_reports_it()
    {
        var child = await fixture.PublishAsync(Reusable("faulty",
            [Start(), Activity("boom", "Elsa.Fault", ("code", Literal("ASL-1")), ("message", Literal("Parere non disponibile")))], [("start", "Done", "boom")]));

        var placed = await fixture.RunAsync(Flowchart("placed-faulty", [Start(), Echo("echo1", child, "x"), End()], [("start", "Done", "echo1"), ("echo1", "Done", "end")], "Risposta"));
        var executed = await fixture.RunAsync(Flowchart("exec-faulty",
            [Start(), Activity("exec", "Elsa.ExecuteWorkflow", ("workflowDefinitionId", Literal(child.DefinitionId)), ("waitForCompletion", Literal(true, "Boolean")), ("result", Bound("Esito"))), End()],
            [("start", "Done", "exec"), ("exec", "Done", "end")], "Esito"));

        Assert.Equal(WorkflowSubStatus.Faulted, placed.SubStatus);
        var message = await fixture.ScalarAsync<string>("SELECT message FROM workflow_incidents WHERE instance_id = @id", ("id", placed.Id));
        Assert.Contains("Parere non disponibile", message);
        Assert.Equal(WorkflowSubStatus.Finished, executed.SubStatus);
        Assert.Equal("Faulted", executed.Variables["Esito"]!["subStatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cancelling_the_parent_cancels_the_child_it_waits_on()
    {
        var child = await fixture.PublishAsync(Reusable("cancelled-child",
            [Start(), OfficeTask("opinion", "asl", "Favorevole")], [("start", "Done", "opinion")]));
        var parent = await fixture.RunAsync(Flowchart("cancelled-parent", [Start(), Echo("echo1", child, "x"), End()], [("start", "Done", "echo1"), ("echo1", "Done", "end")], "Risposta"));

        await fixture.Runtime.CancelAsync(parent.Id, CancellationToken.None);

        var cancelled = await ChildOfAsync(parent.Id);
        Assert.Equal(WorkflowSubStatus.Cancelled, cancelled.SubStatus);
        Assert.Empty(cancelled.Bookmarks);
    }

    [Fact]
    public async Task ParallelForEach_asks_a_reusable_opinion_of_every_office_at_once_and_joins_when_every_child_has_finished()
    {
        var child = await fixture.PublishAsync(Reusable("parallel-opinion",
            [Start(), Activity("opinion", "CaseFlow.OfficeTask", ("office", Js("getMessage()", "String")), ("title", Literal("Parere")),
                    ("outcomes", Expression("Literal", "[\"Favorevole\"]", "String[]"))),
                Activity("ok", "Elsa.Complete", ("outcomes", Expression("Object", "[\"Approvato\"]")))],
            [("start", "Done", "opinion"), ("opinion", "Favorevole", "ok")]));
        var placed = Activity("echo1", "Echo", ("Message", Js("getCurrentValue()", "String")));
        placed["workflowDefinitionId"] = child.DefinitionId;
        var loop = Activity("each", "Elsa.ParallelForEach", ("items", Js("['asl-commissione', 'inps', 'provincia']")));
        loop["body"] = placed;
        var parent = await fixture.RunAsync(Flowchart("parallel-children", [Start(), loop, Print("after", "'tutti i pareri'"), End()],
            [("start", "Done", "each"), ("each", "Done", "after"), ("after", "Done", "end")]));

        Assert.Equal(3, parent.Bookmarks.Count);
        Assert.All(parent.Bookmarks, b => Assert.Equal("ChildWorkflow", b.Kind));
        var children = new List<InstanceSnapshot>();
        foreach (var bookmark in parent.Bookmarks)
        {
            children.Add(await SnapshotAsync(bookmark.Payload["childInstanceId"]!.GetValue<string>()));
        }

        Assert.Equal(["asl-commissione", "inps", "provincia"], children.Select(c => Assert.Single(c.Bookmarks).Payload["office"]!.GetValue<string>()).Order().ToArray());
        foreach (var (answered, index) in children.Select((c, i) => (c, i)))
        {
            Assert.Equal(WorkflowSubStatus.Suspended, (await SnapshotAsync(parent.Id)).SubStatus);
            await fixture.Runtime.ResumeAsync(answered.Id, answered.Bookmarks[0].Id, new JsonObject { ["outcome"] = "Favorevole" }, CancellationToken.None);
        }

        var after = await SnapshotAsync(parent.Id);
        Assert.Equal(WorkflowSubStatus.Finished, after.SubStatus);
        Assert.Equal(["start", "each", "after", "end"], (await fixture.JournalAsync(parent.Id)).Where(e => e.Event == "Completed" && e.ActivityId != "echo1").Select(e => e.ActivityId).ToArray());
        Assert.Equal(3, (await fixture.JournalAsync(parent.Id)).Count(e => e.Event == "Completed" && e.ActivityId == "echo1"));
    }
}
