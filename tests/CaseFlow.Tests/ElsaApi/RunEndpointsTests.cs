using System.Net;
using System.Text.Json.Nodes;
using static CaseFlow.Tests.Workflows.Def;

namespace CaseFlow.Tests.ElsaApi;

public class RunEndpointsTests(ElsaApiFixture fixture) : IClassFixture<ElsaApiFixture>
{
    private async Task<string> PublishAsync(JsonObject model)
    {
        model = (JsonObject)model.DeepClone();
        model["definitionId"] = ElsaApiFixture.NewId(model["definitionId"]!.GetValue<string>());
        model.Remove("id");
        return (await fixture.Admin.SaveAsync(model, publish: true))["definitionId"]!.GetValue<string>();
    }

    private async Task<(string InstanceId, JsonObject State)> ExecuteAsync(string definitionId, JsonObject? input = null)
    {
        var reply = await fixture.Admin.PostJsonAsync($"/workflow-definitions/{definitionId}/execute",
            new JsonObject { ["correlationId"] = "pratica-42", ["triggerActivityId"] = null, ["versionOptions"] = null, ["input"] = input });
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var id = reply.Response.Headers.GetValues("x-elsa-workflow-instance-id").Single();
        return (id, reply.Json["workflowState"]!.AsObject());
    }

    private static JsonObject TaskFlow() => Flowchart("istruttoria",
        [Start(), OfficeTask("esame", "comune-servizi-sociali", "Approvato", "Respinto"), End()],
        [("start", "Done", "esame"), ("esame", "Approvato", "end"), ("esame", "Respinto", "end")]);

    // Faults until the variable "pronto" is true: the alteration that sets it makes the retry succeed.
    private static JsonObject FragileFlow() => Flowchart("fragile",
        [Start(), Activity("controllo", "Elsa.WriteLine", ("text", Js("(function () { if (getVariable('pronto') !== true) throw new Error('documenti mancanti'); return 'ok'; })()", "String"))), End()],
        [("start", "Done", "controllo"), ("controllo", "Done", "end")], "pronto");

    [Fact]
    public async Task The_Elsa_export_imports_and_runs_unchanged_with_its_decision_and_variables()
    {
        var sample = ElsaApiFixture.Sample(ElsaApiFixture.NewId("sample"));
        var imported = await fixture.Admin.PostJsonAsync("/workflow-definitions/import", sample);
        Assert.Equal(HttpStatusCode.OK, imported.Status);
        Assert.True(imported.Json["isPublished"]!.GetValue<bool>());
        Assert.True(JsonNode.DeepEquals(sample["root"], imported.Json["root"]));

        var (high, highState) = await ExecuteAsync(sample["definitionId"]!.GetValue<string>(), new JsonObject { ["importo"] = 1500 });
        var (_, lowState) = await ExecuteAsync(sample["definitionId"]!.GetValue<string>(), new JsonObject { ["importo"] = 200 });

        Assert.Equal("Finished", highState["subStatus"]!.GetValue<string>());
        Assert.Equal(1500, highState["variables"]!["Importo"]!.GetValue<int>());
        Assert.Equal("istruttoria semplificata", lowState["variables"]!["Esito"]!.GetValue<string>());
        var variables = (await fixture.Admin.GetJsonAsync($"/workflow-instances/{high}/variables")).Json["items"]!.AsArray();
        Assert.Equal(["8d1e0f6a2b3c4d5e", "1a2b3c4d5e6f7a8b"], variables.Select(v => v!["id"]!.GetValue<string>()));
        Assert.Equal(1500, variables[0]!["value"]!.GetValue<int>());
        var journal = (await fixture.Admin.GetJsonAsync($"/workflow-instances/{high}/journal?skip=0&take=100")).Json;
        var completed = journal["items"]!.AsArray().Where(e => e!["eventName"]!.GetValue<string>() == "Completed").Select(e => e!["activityId"]!.GetValue<string>());
        Assert.Equal(["start1", "setImporto", "sopraSoglia", "scriviAlta", "fine"], completed);
    }

    [Fact]
    public async Task Execute_answers_the_workflow_state_and_the_instance_id_header_and_dispatch_the_id()
    {
        var definitionId = await PublishAsync(TaskFlow());

        var (id, state) = await ExecuteAsync(definitionId);
        Assert.Equal(id, state["id"]!.GetValue<string>());
        Assert.Equal("Running", state["status"]!.GetValue<string>());
        Assert.Equal("Suspended", state["subStatus"]!.GetValue<string>());
        Assert.Equal("pratica-42", state["correlationId"]!.GetValue<string>());
        var bookmark = state["bookmarks"]!.AsArray().Single()!;
        Assert.Equal("esame", bookmark["activityId"]!.GetValue<string>());
        foreach (var field in new[] { "incidents", "activityExecutionContexts", "completionCallbacks", "input", "output", "properties" })
        {
            Assert.NotNull(state[field]);
        }

        var dispatched = await fixture.Admin.PostJsonAsync($"/workflow-definitions/{definitionId}/dispatch", new JsonObject { ["input"] = new JsonObject() });
        Assert.Equal(HttpStatusCode.OK, dispatched.Status);
        var dispatchedId = dispatched.Json["workflowInstanceId"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await fixture.Admin.GetJsonAsync($"/workflow-instances/{dispatchedId}")).Status);

        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Admin.PostJsonAsync($"/workflow-definitions/{definitionId}/execute", new JsonObject { ["versionOptions"] = "Sometimes" })).Status);
    }

    [Fact]
    public async Task The_instance_list_viewer_variables_and_activity_reports_read_as_Elsa_shapes()
    {
        var definitionId = await PublishAsync(TaskFlow());
        var (id, _) = await ExecuteAsync(definitionId);

        var list = (await fixture.Admin.PostJsonAsync("/workflow-instances", new JsonObject
        {
            ["page"] = 0, ["pageSize"] = 10, ["definitionIds"] = new JsonArray(definitionId), ["subStatuses"] = new JsonArray("Suspended"), ["orderBy"] = "Created",
        })).Json;
        Assert.Equal(1, list["totalCount"]!.GetValue<long>());
        var summary = list["items"]![0]!.AsObject();
        Assert.Equal(id, summary["id"]!.GetValue<string>());
        Assert.All(new[] { "definitionId", "definitionVersionId", "version", "status", "subStatus", "correlationId", "name", "incidentCount", "createdAt", "updatedAt", "finishedAt" },
            f => Assert.True(summary.ContainsKey(f), f));
        var byQuery = (await fixture.Admin.GetJsonAsync($"/workflow-instances?definitionIds={definitionId}&subStatuses=Suspended&subStatuses=Faulted&pageSize=5&page=0")).Json;
        Assert.Equal(id, byQuery["items"]!.AsArray().Single()!["id"]!.GetValue<string>());
        var none = (await fixture.Admin.GetJsonAsync($"/workflow-instances?definitionId={definitionId}&status=Finished")).Json;
        Assert.Equal(0, none["totalCount"]!.GetValue<long>());

        var instance = (await fixture.Admin.GetJsonAsync($"/workflow-instances/{id}")).Json;
        Assert.Equal(definitionId, instance["definitionId"]!.GetValue<string>());
        Assert.Equal("Suspended", instance["workflowState"]!["subStatus"]!.GetValue<string>());
        var definition = await fixture.Admin.GetJsonAsync($"/workflow-definitions/by-id/{instance["definitionVersionId"]}");
        Assert.Equal(HttpStatusCode.OK, definition.Status);

        Assert.Empty((await fixture.Admin.GetJsonAsync($"/workflow-instances/{id}/variables")).Json["items"]!.AsArray());
        var journal = (await fixture.Admin.PostJsonAsync($"/workflow-instances/{id}/journal?skip=0&take=110", new JsonObject())).Json;
        Assert.Equal(journal["items"]!.AsArray().Count, journal["totalCount"]!.GetValue<long>());
        var first = journal["items"]![0]!.AsObject();
        Assert.All(new[] { "activityId", "activityNodeId", "activityType", "activityName", "eventName", "timestamp", "sequence", "activityInstanceId" }, f => Assert.NotNull(first[f]));
        var filtered = (await fixture.Admin.PostJsonAsync($"/workflow-instances/{id}/journal", new JsonObject { ["filter"] = new JsonObject { ["activityIds"] = new JsonArray("esame") } })).Json;
        Assert.All(filtered["items"]!.AsArray(), e => Assert.Equal("esame", e!["activityId"]!.GetValue<string>()));
        Assert.NotEmpty(filtered["items"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, (await fixture.Admin.PostJsonAsync($"/workflow-instances/{id}/journal?skip=0&take=110", null)).Status);
        var bare = (await fixture.Admin.PostJsonAsync($"/workflow-instances/{id}/journal", new JsonObject { ["eventNames"] = new JsonArray("Started") })).Json;
        Assert.All(bare["items"]!.AsArray(), e => Assert.Equal("Started", e!["eventName"]!.GetValue<string>()));
        var paged = (await fixture.Admin.GetJsonAsync($"/workflow-instances/{id}/journal?skip=1&take=1")).Json;
        Assert.Single(paged["items"]!.AsArray());
        Assert.Equal(journal["totalCount"]!.GetValue<long>(), paged["totalCount"]!.GetValue<long>());

        var nodeId = "Workflow1:flowchart1:esame";
        var executions = (await fixture.Admin.GetJsonAsync($"/activity-executions/list?WorkflowInstanceId={id}&ActivityNodeId={nodeId}")).Json;
        Assert.Equal(1, executions["count"]!.GetValue<int>());
        Assert.True(executions["items"]![0]!["hasBookmarks"]!.GetValue<bool>());
        Assert.Equal(1, (await fixture.Admin.GetJsonAsync($"/activity-execution-summaries/list?WorkflowInstanceId={id}&ActivityNodeId={nodeId}")).Json["count"]!.GetValue<int>());
        var report = (await fixture.Admin.PostJsonAsync("/activity-executions/report", new JsonObject
        {
            ["workflowInstanceId"] = id, ["activityNodeIds"] = new JsonArray("Workflow1:flowchart1:start", nodeId),
        })).Json;
        var stats = report["stats"]!.AsArray().ToDictionary(s => s!["activityNodeId"]!.GetValue<string>(), s => s!.AsObject());
        Assert.Equal(1, stats["Workflow1:flowchart1:start"]["completedCount"]!.GetValue<int>());
        Assert.True(stats[nodeId]["isBlocked"]!.GetValue<bool>());
        Assert.Equal(1, stats[nodeId]["uncompletedCount"]!.GetValue<int>());
        Assert.False(stats[nodeId]["isFaulted"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Resuming_a_bookmark_answers_the_snapshot_then_409_once_consumed_and_400_for_an_outcome_not_offered()
    {
        var (id, state) = await ExecuteAsync(await PublishAsync(TaskFlow()));
        var bookmarkId = state["bookmarks"]![0]!["id"]!.GetValue<string>();
        var url = $"/workflow-instances/{id}/bookmarks/{bookmarkId}/resume";

        var rejected = await fixture.Admin.PostJsonAsync(url, new JsonObject { ["outcome"] = "Forse" });
        Assert.Equal(HttpStatusCode.BadRequest, rejected.Status);
        Assert.True(rejected.Json["errors"]!.AsObject().ContainsKey("outcome"));

        var resumed = await fixture.Admin.PostJsonAsync(url, new JsonObject { ["input"] = new JsonObject { ["outcome"] = "Approvato" } });
        Assert.Equal(HttpStatusCode.OK, resumed.Status);
        Assert.Equal("Finished", resumed.Json["subStatus"]!.GetValue<string>());
        Assert.Empty(resumed.Json["bookmarks"]!.AsArray());

        var again = await fixture.Admin.PostJsonAsync(url, new JsonObject { ["outcome"] = "Approvato" });
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal("bookmarkId", again.Json["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cancel_through_Elsas_route_then_a_second_cancel_is_409()
    {
        var (id, _) = await ExecuteAsync(await PublishAsync(TaskFlow()));

        Assert.Equal(HttpStatusCode.OK, (await fixture.Admin.PostJsonAsync($"/cancel/workflow-instances/{id}", null)).Status);
        Assert.Equal("Cancelled", (await fixture.Admin.GetJsonAsync($"/workflow-instances/{id}")).Json["subStatus"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await fixture.Admin.PostJsonAsync($"/workflow-instances/{id}/cancel", null)).Status);

        var (other, _) = await ExecuteAsync(await PublishAsync(TaskFlow()));
        var bulk = await fixture.Admin.PostJsonAsync("/bulk-actions/cancel/workflow-instances", new JsonObject { ["ids"] = new JsonArray(other, id, "non-esiste") });
        Assert.Equal(1, bulk.Json["cancelledCount"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NoContent, (await fixture.Admin.DeleteJsonAsync($"/workflow-instances/{other}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Admin.GetJsonAsync($"/workflow-instances/{other}")).Status);
    }

    [Fact]
    public async Task A_faulted_instance_shows_its_incident_and_is_retried_through_the_alterations_API_after_fixing_a_variable()
    {
        var (id, state) = await ExecuteAsync(await PublishAsync(FragileFlow()));
        Assert.Equal("Faulted", state["subStatus"]!.GetValue<string>());
        var incident = state["incidents"]!.AsArray().Single()!;
        Assert.Equal("controllo", incident["activityId"]!.GetValue<string>());
        Assert.Contains("documenti mancanti", incident["message"]!.GetValue<string>());
        Assert.Equal("controllo", state["fault"]!["faultedActivityId"]!.GetValue<string>());
        var report = (await fixture.Admin.PostJsonAsync("/activity-executions/report", new JsonObject { ["workflowInstanceId"] = id })).Json;
        Assert.Contains(report["stats"]!.AsArray(), s => s!["activityId"]!.GetValue<string>() == "controllo" && s["isFaulted"]!.GetValue<bool>());

        // Retrying without the fix faults again: still 200, still Faulted.
        var retried = await fixture.Admin.PostJsonAsync($"/workflow-instances/{id}/retry", null);
        Assert.Equal(HttpStatusCode.OK, retried.Status);
        Assert.Equal("Faulted", retried.Json["subStatus"]!.GetValue<string>());

        var run = await fixture.Admin.PostJsonAsync("/alterations/run", new JsonObject
        {
            ["alterations"] = new JsonArray(
                new JsonObject { ["type"] = "ModifyVariable", ["variableId"] = "pronto", ["value"] = true },
                new JsonObject { ["type"] = "ScheduleActivity", ["activityId"] = "controllo" }),
            ["workflowInstanceIds"] = new JsonArray(id),
        });
        Assert.Equal(HttpStatusCode.OK, run.Status);
        var result = run.Json["results"]!.AsArray().Single()!;
        Assert.True(result["isSuccessful"]!.GetValue<bool>(), result.ToJsonString());

        var instance = (await fixture.Admin.GetJsonAsync($"/workflow-instances/{id}")).Json;
        Assert.Equal("Finished", instance["subStatus"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await fixture.Admin.PostJsonAsync($"/workflow-instances/{id}/retry", null)).Status);
        var again = await fixture.Admin.PostJsonAsync("/alterations/workflows/retry", new JsonObject { ["workflowInstanceIds"] = new JsonArray(id) });
        Assert.False(again.Json["results"]![0]!["isSuccessful"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Admin.PostJsonAsync("/alterations/run", new JsonObject
        {
            ["alterations"] = new JsonArray(new JsonObject { ["type"] = "Migrate" }), ["workflowInstanceIds"] = new JsonArray(id),
        })).Status);
    }

    [Fact]
    public async Task Running_an_empty_draft_completes_it_as_Elsa_does_not_a_crash()
    {
        var model = new JsonObject { ["name"] = "vuoto", ["root"] = new JsonObject { ["id"] = "f1", ["type"] = "Elsa.Flowchart", ["version"] = 1 } };
        var saved = await fixture.Admin.SaveAsync(model, publish: true);

        var reply = await fixture.Admin.PostJsonAsync($"/workflow-definitions/{saved["definitionId"]}/execute", new JsonObject());

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("Finished", reply.Json["workflowState"]!["subStatus"]!.GetValue<string>());
    }
}
