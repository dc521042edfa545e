using System.Text.Json.Nodes;
using static CaseFlow.Tests.Workflows.Def;

namespace CaseFlow.Tests.ElsaApi;

/// <summary>Event, PublishEvent, Cron and Timer through the Studio's API: the toolbox entries with Elsa's inputs, and the round trip.</summary>
public class TriggerEndpointsTests(ElsaApiFixture fixture) : IClassFixture<ElsaApiFixture>
{
    private async Task<JsonObject> DescriptorAsync(string type) =>
        (await fixture.Admin.GetJsonAsync("/descriptors/activities?Refresh=True")).Json["items"]!.AsArray().Single(i => i!["typeName"]!.GetValue<string>() == type)!.AsObject();

    private static string[] InputNames(JsonObject descriptor) => [.. descriptor["inputs"]!.AsArray().Select(i => i!["name"]!.GetValue<string>())];

    [Fact]
    public async Task Event_and_PublishEvent_are_in_the_toolbox_with_Elsas_inputs_and_Event_is_a_trigger()
    {
        var wait = await DescriptorAsync("Elsa.Event");
        var publish = await DescriptorAsync("Elsa.PublishEvent");

        Assert.Equal(["eventName"], InputNames(wait));
        Assert.Equal("Trigger", wait["kind"]!.GetValue<string>());
        Assert.Equal(["eventName", "correlationId", "isLocalEvent", "payload"], InputNames(publish));
        Assert.Equal("Action", publish["kind"]!.GetValue<string>());
        Assert.Equal("checkbox", publish["inputs"]!.AsArray().Single(i => i!["name"]!.GetValue<string>() == "isLocalEvent")!["uiHint"]!.GetValue<string>());
        // Elsa's category is Primitives; the toolbox shows it in Italian.
        Assert.All(new[] { wait, publish }, d => Assert.Equal("Primitive", d["category"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Cron_and_Timer_are_triggers_in_the_toolbox_with_Elsas_inputs()
    {
        var cron = await DescriptorAsync("Elsa.Cron");
        var timer = await DescriptorAsync("Elsa.Timer");

        Assert.Equal(["cronExpression"], InputNames(cron));
        Assert.Equal(["interval"], InputNames(timer));
        Assert.All(new[] { cron, timer }, d => Assert.Equal("Trigger", d["kind"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_definition_with_event_and_schedule_triggers_saves_loads_and_exports_unchanged()
    {
        var onEvent = Activity("on-event", "Elsa.Event", ("eventName", Literal("pratica-chiusa")));
        onEvent["customProperties"]!["canStartWorkflow"] = true;
        var onCron = Activity("on-cron", "Elsa.Cron", ("cronExpression", Literal("0 6 * * 1")));
        onCron["customProperties"]!["canStartWorkflow"] = true;
        var model = Flowchart(ElsaApiFixture.NewId("trigger"),
            [onEvent, onCron, Activity("publish", "Elsa.PublishEvent", ("eventName", Literal("avvisato")), ("correlationId", Literal(null)),
                ("isLocalEvent", Literal(false, "Boolean")), ("payload", Expression("Object", "{\"da\": \"trigger\"}"))), End()],
            [("on-event", "Done", "publish"), ("on-cron", "Done", "publish"), ("publish", "Done", "end")]);
        var id = (await fixture.Admin.SaveAsync(model, publish: true))["definitionId"]!.GetValue<string>();

        var loaded = (await fixture.Admin.GetJsonAsync($"/workflow-definitions/by-definition-id/{id}?versionOptions=Published")).Json;
        var export = await fixture.Admin.GetAsync($"{ElsaApiFixture.Api}/workflow-definitions/{id}/export?versionOptions=Published");
        var exported = JsonNode.Parse(await export.Content.ReadAsStringAsync())!.AsObject();

        Assert.True(JsonNode.DeepEquals(model["root"], loaded["root"]));
        Assert.True(JsonNode.DeepEquals(loaded["root"], exported["root"]));
    }

    [Fact]
    public async Task FlowSendHttpRequest_is_in_the_toolbox_with_Elsas_inputs_and_its_status_code_ports_save_and_load_unchanged()
    {
        var http = await DescriptorAsync("Elsa.FlowSendHttpRequest");

        Assert.Equal(["url", "method", "content", "contentType", "authorization", "expectedStatusCodes", "requestHeaders"], InputNames(http));
        Assert.Equal("Task", http["kind"]!.GetValue<string>());
        Assert.Equal("HTTP", http["category"]!.GetValue<string>());
        Assert.Equal(["Done", "Unmatched status code", "Failed to connect", "Timeout"], http["ports"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).ToArray());

        var model = Flowchart(ElsaApiFixture.NewId("http"),
            [Start(), Activity("call", "Elsa.FlowSendHttpRequest", ("url", Literal("https://servizi.inps.it/pagamenti", "Uri")), ("method", Literal("POST")),
                ("expectedStatusCodes", Expression("Literal", "[200, 404]", "Int32[]"))), End("ok"), End("missing"), End("down")],
            [("start", "Done", "call"), ("call", "200", "ok"), ("call", "404", "missing"), ("call", "Failed to connect", "down")]);
        var id = (await fixture.Admin.SaveAsync(model, publish: true))["definitionId"]!.GetValue<string>();
        var loaded = (await fixture.Admin.GetJsonAsync($"/workflow-definitions/by-definition-id/{id}?versionOptions=Published")).Json;

        Assert.True(JsonNode.DeepEquals(model["root"], loaded["root"]));
    }

    [Fact]
    public async Task A_connection_from_a_status_code_that_is_not_expected_is_refused_naming_the_port()
    {
        var model = Flowchart(ElsaApiFixture.NewId("http-bad"),
            [Start(), Activity("call", "Elsa.FlowSendHttpRequest", ("url", Literal("https://servizi.inps.it/pagamenti", "Uri")),
                ("expectedStatusCodes", Expression("Literal", "[200]", "Int32[]"))), End()],
            [("start", "Done", "call"), ("call", "201", "end")]);

        var reply = await fixture.Admin.PostJsonAsync("/workflow-definitions", new JsonObject { ["model"] = model, ["publish"] = true });

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains("201", reply.Body!.ToJsonString());
    }
}
