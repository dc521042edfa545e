using System.Net;
using System.Text.Json.Nodes;
using static CaseFlow.Tests.Workflows.Def;

namespace CaseFlow.Tests.ElsaApi;

/// <summary>The new Elsa activities through the Studio's API: toolbox, round trip, execute by GET, activity state.</summary>
public class ElsaFidelityEndpointsTests(ElsaApiFixture fixture) : IClassFixture<ElsaApiFixture>
{
    private static readonly string[] NewTypes = ["Elsa.SetOutput", "Elsa.Complete", "Elsa.Fault", "Elsa.SetName", "Elsa.RunJavaScript", "Elsa.ForEach", "Elsa.ParallelForEach"];

    private static readonly string[] WithoutInputs = ["Elsa.Sequence"];

    private static JsonObject SequenceOf(string id, params JsonObject[] children)
    {
        var sequence = Activity(id, "Elsa.Sequence");
        sequence["activities"] = new JsonArray([.. children.Select(c => (JsonNode)c)]);
        return sequence;
    }

    private static JsonObject LoopOf(string id, string type, string items, JsonObject body)
    {
        var loop = Activity(id, type, ("items", Js(items)));
        loop["body"] = body;
        return loop;
    }

    private static JsonObject EveryNewActivity(string definitionId) => Flowchart(definitionId,
        [
            Start(),
            SequenceOf("seq", Activity("say", "Elsa.WriteLine", ("text", Literal("in sequenza")))),
            LoopOf("each", "Elsa.ForEach", "[1, 2]", Activity("item", "Elsa.WriteLine", ("text", Js("'elemento ' + getCurrentValue()", "String")))),
            LoopOf("all", "Elsa.ParallelForEach", "['a', 'b']", SequenceOf("both", Activity("inner", "Elsa.WriteLine", ("text", Js("getCurrentValue()", "String"))))),
            Activity("name", "Elsa.SetName", ("value", Literal("Pratica di prova"))),
            Activity("js", "Elsa.RunJavaScript", ("script", Js("return 1 + 1;")), ("possibleOutcomes", Expression("Literal", "[]", "String[]")),
                ("result", new JsonObject { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = "Somma" } })),
            Activity("out", "Elsa.SetOutput", ("outputName", Literal("Somma")), ("outputValue", Expression("Variable", "Somma"))),
            Activity("check", "Elsa.FlowDecision", ("condition", Js("return getSomma() == 2;", "Boolean"))),
            Activity("fault", "Elsa.Fault", ("code", Literal("E1")), ("message", Literal("somma errata"))),
            Activity("complete", "Elsa.Complete", ("outcomes", Expression("Object", "[\"Done\"]"))),
        ],
        [("start", "Done", "seq"), ("seq", "Done", "each"), ("each", "Done", "all"), ("all", "Done", "name"), ("name", "Done", "js"), ("js", "Done", "out"), ("out", "Done", "check"), ("check", "True", "complete"), ("check", "False", "fault")],
        "Somma");

    [Fact]
    public async Task Every_new_activity_is_in_the_toolbox_with_its_inputs()
    {
        var items = (await fixture.Admin.GetJsonAsync("/descriptors/activities?Refresh=True")).Json["items"]!.AsArray();

        foreach (var type in NewTypes)
        {
            var descriptor = items.Single(i => i!["typeName"]!.GetValue<string>() == type)!;
            Assert.NotEmpty(descriptor["inputs"]!.AsArray());
        }

        Assert.All(WithoutInputs, type => Assert.Single(items, i => i!["typeName"]!.GetValue<string>() == type));
        var runJs = items.Single(i => i!["typeName"]!.GetValue<string>() == "Elsa.RunJavaScript")!;
        Assert.Equal("code-editor", runJs["inputs"]!.AsArray().Single(i => i!["name"]!.GetValue<string>() == "script")!["uiHint"]!.GetValue<string>());
        Assert.True(items.Single(i => i!["typeName"]!.GetValue<string>() == "Elsa.Complete")!["isTerminal"]!.GetValue<bool>());
        foreach (var loop in new[] { "Elsa.ForEach", "Elsa.ParallelForEach" })
        {
            var ports = items.Single(i => i!["typeName"]!.GetValue<string>() == loop)!["ports"]!.AsArray();
            Assert.Contains(ports, p => p!["name"]!.GetValue<string>() == "Body" && p["type"]!.GetValue<string>() == "Embedded");
            Assert.Contains(ports, p => p!["name"]!.GetValue<string>() == "Done" && p["type"]!.GetValue<string>() == "Flow");
        }
    }

    [Fact]
    public async Task A_definition_with_every_new_activity_saves_loads_and_exports_unchanged_and_runs()
    {
        var model = EveryNewActivity(ElsaApiFixture.NewId("nuove"));
        var saved = await fixture.Admin.SaveAsync(model, publish: true);
        var id = saved["definitionId"]!.GetValue<string>();

        var loaded = (await fixture.Admin.GetJsonAsync($"/workflow-definitions/by-definition-id/{id}?versionOptions=Published")).Json;
        var export = await fixture.Admin.GetAsync($"{ElsaApiFixture.Api}/workflow-definitions/{id}/export?versionOptions=Published");
        var exported = JsonNode.Parse(await export.Content.ReadAsStringAsync())!.AsObject();
        Assert.True(JsonNode.DeepEquals(model["root"], loaded["root"]));
        Assert.True(JsonNode.DeepEquals(loaded["root"], exported["root"]));
        Assert.True(JsonNode.DeepEquals(model["variables"], exported["variables"]));

        var run = await fixture.Admin.PostJsonAsync($"/workflow-definitions/{id}/execute", new JsonObject());
        Assert.Equal(HttpStatusCode.OK, run.Status);
        var state = run.Json["workflowState"]!;
        Assert.Equal("Finished", state["subStatus"]!.GetValue<string>());
        Assert.Equal(2, state["output"]!["Somma"]!.GetValue<int>());
        var instanceId = run.Response.Headers.GetValues("x-elsa-workflow-instance-id").Single();
        Assert.Equal("Pratica di prova", (await fixture.Admin.GetJsonAsync($"/workflow-instances/{instanceId}")).Json["name"]!.GetValue<string>());
        var journal = (await fixture.Admin.GetJsonAsync($"/workflow-instances/{instanceId}/journal")).Json["items"]!.AsArray();
        Assert.Equal(2, journal.Count(e => e!["activityId"]?.GetValue<string>() == "item" && e["eventName"]?.GetValue<string>() == "Completed"));
        Assert.Equal(2, journal.Count(e => e!["activityId"]?.GetValue<string>() == "inner" && e["eventName"]?.GetValue<string>() == "Completed"));
    }

    [Fact]
    public async Task Execute_is_served_by_GET_with_the_input_as_json_in_the_query()
    {
        var model = Flowchart(ElsaApiFixture.NewId("get-exec"),
            [Start(), Activity("out", "Elsa.SetOutput", ("outputName", Literal("Saluto")), ("outputValue", Js("'Ciao ' + getNome()"))), End()],
            [("start", "Done", "out"), ("out", "Done", "end")]);
        model["inputs"] = new JsonArray(new JsonObject { ["type"] = "String", ["name"] = "Nome", ["displayName"] = "Nome" });
        var id = (await fixture.Admin.SaveAsync(model, publish: true))["definitionId"]!.GetValue<string>();

        var run = await fixture.Admin.GetJsonAsync($"/workflow-definitions/{id}/execute?correlationId=pratica-7&input={Uri.EscapeDataString("{\"Nome\":\"Anna\"}")}");
        var bad = await fixture.Admin.GetJsonAsync($"/workflow-definitions/{id}/execute?input=non-json");

        Assert.Equal(HttpStatusCode.OK, run.Status);
        Assert.Single(run.Response.Headers.GetValues("x-elsa-workflow-instance-id"));
        Assert.Equal("Ciao Anna", run.Json["workflowState"]!["output"]!["Saluto"]!.GetValue<string>());
        Assert.Equal("pratica-7", run.Json["workflowState"]!["correlationId"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
    }

    [Fact]
    public async Task An_empty_flowchart_executes_to_Finished()
    {
        var id = (await fixture.Admin.SaveAsync(Flowchart(ElsaApiFixture.NewId("vuoto"), [], []), publish: true))["definitionId"]!.GetValue<string>();

        var run = await fixture.Admin.PostJsonAsync($"/workflow-definitions/{id}/execute", new JsonObject());

        Assert.Equal(HttpStatusCode.OK, run.Status);
        Assert.Equal("Finished", run.Json["workflowState"]!["subStatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task Activity_executions_carry_the_evaluated_inputs_as_activity_state()
    {
        var id = (await fixture.Admin.SaveAsync(Flowchart(ElsaApiFixture.NewId("stato"),
            [Start(), Activity("say", "Elsa.WriteLine", ("text", Js("'riga ' + (1 + 1)", "String"))), End()], [("start", "Done", "say"), ("say", "Done", "end")]), publish: true))["definitionId"]!.GetValue<string>();
        var run = await fixture.Admin.PostJsonAsync($"/workflow-definitions/{id}/execute", new JsonObject());
        var instanceId = run.Response.Headers.GetValues("x-elsa-workflow-instance-id").Single();

        var records = (await fixture.Admin.GetJsonAsync($"/activity-executions/list?workflowInstanceId={instanceId}")).Json["items"]!.AsArray();

        var say = records.Single(r => r!["activityId"]!.GetValue<string>() == "say")!;
        Assert.Equal("riga 2", say["activityState"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_log_persistence_strategies_are_the_three_the_runtime_honours()
    {
        var items = (await fixture.Admin.GetJsonAsync("/descriptors/log-persistence-strategies")).Json["items"]!.AsArray();

        Assert.Equal(
            ["Exclude", "Include", "Inherit"],
            items.Select(i => i!["typeName"]!.GetValue<string>().Split(',')[0].Split('.')[^1]).Order().ToArray());
    }
}
