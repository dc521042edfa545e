using System.Net;
using System.Text.Json.Nodes;
using CaseFlow.Tests.Cases;
using CaseFlow.Tests.ElsaApi;
using static CaseFlow.Tests.Workflows.Def;

namespace CaseFlow.Tests.Security;

/// <summary>A designer key (what every Studio session holds) against the instances that carry citizens' cases.</summary>
public class DesignerCaseInstanceTests(CasesFixture fixture) : IClassFixture<CasesFixture>
{
    private CaseDesk Desk => fixture.Desk;

    private async Task<(string CaseId, string InstanceId, string BookmarkId)> StartResidenceAsync()
    {
        var started = await Desk.StartAsync(CaseDesk.Application("cambio-residenza", new JsonObject { ["indirizzo"] = "Via Garibaldi 12, Limbiate" }));
        var caseId = started["caseId"]!.GetValue<string>();
        var procedure = (await Desk.CaseAsync(caseId))["procedures"]![0]!;
        var instanceId = procedure["instanceId"]!.GetValue<string>();
        var bookmarkId = await Desk.ScalarAsync<string>("SELECT bookmark_id FROM case_tasks WHERE instance_id = @i AND status = 'open'", ("i", instanceId));
        return (caseId, instanceId, bookmarkId!);
    }

    [Fact]
    public async Task A_designer_cannot_resume_cancel_retry_or_delete_a_case_instance_and_the_case_does_not_move()
    {
        var (caseId, instanceId, bookmarkId) = await StartResidenceAsync();
        var designer = await Desk.Designer;
        var before = (await Desk.CaseAsync(caseId)).ToJsonString();

        var resume = await designer.PostJsonAsync($"/workflow-instances/{instanceId}/bookmarks/{bookmarkId}/resume", new JsonObject { ["outcome"] = "Registrata" });
        var cancel = await designer.PostJsonAsync($"/cancel/workflow-instances/{instanceId}", null);
        var cancelSnapshot = await designer.PostJsonAsync($"/workflow-instances/{instanceId}/cancel", null);
        var retry = await designer.PostJsonAsync($"/workflow-instances/{instanceId}/retry", null);
        var delete = await designer.DeleteJsonAsync($"/workflow-instances/{instanceId}");
        var bookmarks = await designer.GetJsonAsync($"/workflow-instances/{instanceId}/bookmarks");

        foreach (var reply in new[] { resume, cancel, cancelSnapshot, retry, delete, bookmarks })
        {
            Assert.Equal(HttpStatusCode.Forbidden, reply.Status);
            Assert.Equal("https://caseflow.example/problems/case-instance", reply.Json["type"]!.GetValue<string>());
            Assert.Equal("id", reply.Json["field"]!.GetValue<string>());
        }

        var bulk = await designer.PostJsonAsync("/bulk-actions/cancel/workflow-instances", new JsonObject { ["ids"] = new JsonArray(instanceId) });
        Assert.Equal(0, bulk.Json["cancelledCount"]!.GetValue<int>());
        var alter = await designer.PostJsonAsync("/alterations/run", new JsonObject
        {
            ["alterations"] = new JsonArray(new JsonObject { ["type"] = "ModifyVariable", ["variableId"] = "esito", ["value"] = "x" }),
            ["workflowInstanceIds"] = new JsonArray(instanceId),
        });
        Assert.Equal("Error", alter.Json["results"]![0]!["log"]![0]!["logLevel"]!.GetValue<string>());
        var retryAll = await designer.PostJsonAsync("/alterations/workflows/retry", new JsonObject { ["workflowInstanceIds"] = new JsonArray(instanceId) });
        Assert.Equal("Error", retryAll.Json["results"]![0]!["log"]![0]!["logLevel"]!.GetValue<string>());

        Assert.Equal(before, (await Desk.CaseAsync(caseId)).ToJsonString());
        Assert.Equal("Suspended", await Desk.ScalarAsync<string>("SELECT sub_status FROM workflow_instances WHERE id = @i", ("i", instanceId)));
        Assert.Equal("open", await Desk.ScalarAsync<string>("SELECT status FROM case_tasks WHERE bookmark_id = @b", ("b", bookmarkId)));
    }

    [Fact]
    public async Task A_designer_reads_a_case_instance_without_the_citizens_data_while_a_supervisor_reads_it_whole()
    {
        var (_, instanceId, _) = await StartResidenceAsync();

        var asDesigner = await (await Desk.Designer).GetJsonAsync($"/workflow-instances/{instanceId}");
        var asSupervisor = await (await Desk.Supervisor).GetJsonAsync($"/workflow-instances/{instanceId}");
        var journal = await (await Desk.Designer).GetJsonAsync($"/workflow-instances/{instanceId}/journal");

        Assert.Equal(HttpStatusCode.OK, asDesigner.Status);
        Assert.True(asDesigner.Json["personalDataRedacted"]!.GetValue<bool>());
        Assert.DoesNotContain("Garibaldi", asDesigner.Body!.ToJsonString());
        Assert.Empty(asDesigner.Json["workflowState"]!["input"]!.AsObject());
        Assert.NotEmpty(asDesigner.Json["workflowState"]!["bookmarks"]!.AsArray()); // the shape stays: what it waits on
        Assert.DoesNotContain("Garibaldi", journal.Body!.ToJsonString());
        Assert.Equal("Via Garibaldi 12, Limbiate", asSupervisor.Json["workflowState"]!["input"]!["indirizzo"]!.GetValue<string>());
        Assert.Null(asSupervisor.Json["personalDataRedacted"]);
    }

    [Fact]
    public async Task A_designer_keeps_full_control_of_a_test_run_that_has_no_case()
    {
        var designer = await Desk.Designer;
        var model = Flowchart(ElsaApiFixture.NewId("prova"),
            [Start(), OfficeTask("esame", "comune-anagrafe", "Approvato", "Respinto"), End()],
            [("start", "Done", "esame"), ("esame", "Approvato", "end"), ("esame", "Respinto", "end")]);
        var definitionId = (await designer.SaveAsync(model, publish: true))["definitionId"]!.GetValue<string>();
        var run = await designer.PostJsonAsync($"/workflow-definitions/{definitionId}/execute", new JsonObject { ["input"] = new JsonObject { ["nota"] = "prova interna" } });
        var id = run.Response.Headers.GetValues("x-elsa-workflow-instance-id").Single();

        var read = await designer.GetJsonAsync($"/workflow-instances/{id}");
        Assert.Equal("prova interna", read.Json["workflowState"]!["input"]!["nota"]!.GetValue<string>());
        var bookmarkId = read.Json["workflowState"]!["bookmarks"]![0]!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await designer.GetJsonAsync($"/workflow-instances/{id}/bookmarks")).Status);
        var resumed = await designer.PostJsonAsync($"/workflow-instances/{id}/bookmarks/{bookmarkId}/resume", new JsonObject { ["outcome"] = "Approvato" });
        Assert.Equal(HttpStatusCode.OK, resumed.Status);
        Assert.Equal(HttpStatusCode.NoContent, (await designer.DeleteJsonAsync($"/workflow-instances/{id}")).Status);
    }
}
