using System.Net;
using System.Text.Json.Nodes;
using static CaseFlow.Tests.Workflows.Def;

namespace CaseFlow.Tests.ElsaApi;

/// <summary>Elsa's POST /events/{eventName}/trigger: the waits it resumes, the scope it keeps, and who may call it.</summary>
public class EventTriggerEndpointTests(ElsaApiFixture fixture) : IClassFixture<ElsaApiFixture>
{
    private static JsonObject Bound(string variable) => new() { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = variable } };

    // Waits for the event and keeps what it received in the variable Ricevuto.
    private async Task<string> WaitingDefinitionAsync(string eventName)
    {
        var model = Flowchart(ElsaApiFixture.NewId("attesa"),
            [Start(), Activity("wait", "Elsa.Event", ("eventName", Literal(eventName)), ("result", Bound("Ricevuto"))), End()],
            [("start", "Done", "wait"), ("wait", "Done", "end")], "Ricevuto");
        return (await fixture.Admin.SaveAsync(model, publish: true))["definitionId"]!.GetValue<string>();
    }

    private async Task<string> StartAsync(HttpClient client, string definitionId, string correlationId)
    {
        var reply = await client.PostJsonAsync($"/workflow-definitions/{definitionId}/execute", new JsonObject { ["correlationId"] = correlationId });
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        return reply.Response.Headers.GetValues("x-elsa-workflow-instance-id").Single();
    }

    private async Task<string> SubStatusAsync(string id) =>
        (await fixture.Admin.GetJsonAsync($"/workflow-instances/{id}")).Json["workflowState"]!["subStatus"]!.GetValue<string>();

    [Fact]
    public async Task The_trigger_resumes_only_the_waits_of_its_correlation_with_the_input_as_payload()
    {
        var eventName = ElsaApiFixture.NewId("pagamento-confermato");
        var definitionId = await WaitingDefinitionAsync(eventName);
        var paid = await StartAsync(fixture.Admin, definitionId, "pratica-1");
        var other = await StartAsync(fixture.Admin, definitionId, "pratica-2");

        var reply = await fixture.Admin.PostJsonAsync($"/events/{eventName}/trigger", new JsonObject
        {
            ["correlationId"] = "pratica-1", ["input"] = new JsonObject { ["esito"] = "pagato" }, ["workflowExecutionMode"] = "Synchronous",
        });

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal([paid], reply.Json["resumedWorkflowInstanceIds"]!.AsArray().Select(i => i!.GetValue<string>()).ToArray());
        Assert.Equal("Finished", await SubStatusAsync(paid));
        Assert.Equal("Suspended", await SubStatusAsync(other));
        var variables = (await fixture.Admin.GetJsonAsync($"/workflow-instances/{paid}/variables")).Json["items"]!.ToJsonString();
        Assert.Contains("pagato", variables);
    }

    [Fact]
    public async Task A_designer_must_name_the_instance_and_an_activity_instance_filter_is_refused_naming_it()
    {
        var eventName = ElsaApiFixture.NewId("parere-arrivato");
        var definitionId = await WaitingDefinitionAsync(eventName);
        var designer = await fixture.ClientAsync("designer");
        var own = await StartAsync(designer, definitionId, "prova-progettista");

        var unnamed = await designer.PostJsonAsync($"/events/{eventName}/trigger", new JsonObject());
        var stillWaiting = await SubStatusAsync(own);
        var named = await designer.PostJsonAsync($"/events/{eventName}/trigger", new JsonObject { ["workflowInstanceId"] = own });
        var byActivity = await fixture.Admin.PostJsonAsync($"/events/{eventName}/trigger", new JsonObject { ["activityInstanceId"] = "abc" });

        Assert.Equal(HttpStatusCode.Forbidden, unnamed.Status);
        Assert.Equal("Suspended", stillWaiting);
        Assert.Equal(HttpStatusCode.OK, named.Status);
        Assert.Equal("Finished", await SubStatusAsync(own));
        Assert.Equal(HttpStatusCode.BadRequest, byActivity.Status);
        Assert.NotNull(byActivity.Json["errors"]!["activityInstanceId"]);
    }
}
