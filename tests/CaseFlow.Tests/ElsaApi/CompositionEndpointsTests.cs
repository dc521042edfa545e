using System.Net;
using System.Text.Json.Nodes;
using static CaseFlow.Tests.Workflows.Def;

namespace CaseFlow.Tests.ElsaApi;

/// <summary>Workflows as activities through the Studio's API: the toolbox entry Elsa's provider writes, the round trip, a run.</summary>
public class CompositionEndpointsTests(ElsaApiFixture fixture) : IClassFixture<ElsaApiFixture>
{
    private static JsonObject Bound(string variable) => new() { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = variable } };

    private static JsonObject Reusable(string id, string name)
    {
        var model = Flowchart(id,
            [Start(), Activity("reply", "Elsa.SetOutput", ("outputName", Literal("Parere")), ("outputValue", Js("'parere su ' + getPratica()"))),
                Activity("done", "Elsa.Complete", ("outcomes", Expression("Object", "[\"Favorevole\"]")))],
            [("start", "Done", "reply"), ("reply", "Done", "done")]);
        model["name"] = name;
        model["inputs"] = new JsonArray(new JsonObject { ["name"] = "Pratica", ["type"] = "String", ["displayName"] = "Pratica" });
        model["outputs"] = new JsonArray(new JsonObject { ["name"] = "Parere", ["type"] = "String", ["displayName"] = "Parere" });
        model["outcomes"] = new JsonArray("Favorevole", "Contrario");
        model["options"] = new JsonObject { ["usableAsActivity"] = true };
        return model;
    }

    private async Task<JsonArray> ToolboxAsync() => (await fixture.Admin.GetJsonAsync("/descriptors/activities?Refresh=True")).Json["items"]!.AsArray();

    [Fact]
    public async Task ExecuteWorkflow_and_DispatchWorkflow_are_in_the_toolbox_with_Elsas_inputs()
    {
        var items = await ToolboxAsync();

        foreach (var type in new[] { "Elsa.ExecuteWorkflow", "Elsa.DispatchWorkflow" })
        {
            var inputs = items.Single(i => i!["typeName"]!.GetValue<string>() == type)!["inputs"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()).ToArray();
            Assert.Equal(["workflowDefinitionId", "correlationId", "input", "waitForCompletion"], inputs);
        }

        Assert.DoesNotContain(items, i => i!["typeName"]!.GetValue<string>() == "Elsa.WorkflowDefinitionActivity");
    }

    [Fact]
    public async Task A_published_definition_usable_as_an_activity_is_in_the_toolbox_as_Elsa_describes_it_and_one_that_is_not_is_absent()
    {
        var usable = await fixture.Admin.SaveAsync(Reusable(ElsaApiFixture.NewId("usabile"), "parere di prova"), publish: true);
        var hidden = Reusable(ElsaApiFixture.NewId("nascosto"), "non riusabile");
        hidden["options"] = new JsonObject { ["usableAsActivity"] = false };
        await fixture.Admin.SaveAsync(hidden, publish: true);

        var items = await ToolboxAsync();

        var descriptor = items.Single(i => i!["typeName"]!.GetValue<string>() == "ParereDiProva")!;
        Assert.DoesNotContain(items, i => i!["typeName"]!.GetValue<string>() == "NonRiusabile");
        Assert.Equal("Workflows", descriptor["category"]!.GetValue<string>());
        Assert.Equal("parere di prova", descriptor["displayName"]!.GetValue<string>());
        Assert.Equal(["Favorevole", "Contrario"], descriptor["ports"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).ToArray());
        var input = Assert.Single(descriptor["inputs"]!.AsArray())!;
        Assert.Equal("Pratica", input["name"]!.GetValue<string>());
        Assert.True(input["isSynthetic"]!.GetValue<bool>());
        Assert.Equal("Parere", Assert.Single(descriptor["outputs"]!.AsArray())!["name"]!.GetValue<string>());
        var construction = descriptor["constructionProperties"]!;
        Assert.Equal(usable["definitionId"]!.GetValue<string>(), construction["WorkflowDefinitionId"]!.GetValue<string>());
        Assert.Equal(usable["id"]!.GetValue<string>(), construction["WorkflowDefinitionVersionId"]!.GetValue<string>());
        Assert.Equal("WorkflowDefinitionActivity", descriptor["customProperties"]!["RootType"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_definition_placing_a_workflow_and_running_others_saves_loads_and_exports_unchanged_and_runs()
    {
        var child = await fixture.Admin.SaveAsync(Reusable(ElsaApiFixture.NewId("figlio"), "parere figlio"), publish: true);
        var childId = child["definitionId"]!.GetValue<string>();
        var placed = Activity("parere", "ParereFiglio", ("Pratica", Literal("P-1")), ("Parere", Bound("Parere")));
        placed["workflowDefinitionId"] = childId;
        placed["workflowDefinitionVersionId"] = child["id"]!.GetValue<string>();
        placed["latestAvailablePublishedVersion"] = 1;
        placed["latestAvailablePublishedVersionId"] = child["id"]!.GetValue<string>();
        var model = Flowchart(ElsaApiFixture.NewId("padre"),
            [
                Start(), placed,
                Activity("exec", "Elsa.ExecuteWorkflow", ("workflowDefinitionId", Literal(childId)), ("correlationId", Literal("c-1")),
                    ("input", Expression("Object", "{\"Pratica\":\"P-2\"}")), ("waitForCompletion", Literal(true, "Boolean")), ("result", Bound("Esito"))),
                Activity("dispatch", "Elsa.DispatchWorkflow", ("workflowDefinitionId", Literal(childId)), ("result", Bound("Avviato"))),
                Activity("out", "Elsa.SetOutput", ("outputName", Literal("Parere")), ("outputValue", Expression("Variable", "Parere"))),
                End(),
            ],
            [("start", "Done", "parere"), ("parere", "Favorevole", "exec"), ("exec", "Done", "dispatch"), ("dispatch", "Done", "out"), ("out", "Done", "end")],
            "Parere", "Esito", "Avviato");
        var id = (await fixture.Admin.SaveAsync(model, publish: true))["definitionId"]!.GetValue<string>();

        var loaded = (await fixture.Admin.GetJsonAsync($"/workflow-definitions/by-definition-id/{id}?versionOptions=Published")).Json;
        var export = await fixture.Admin.GetAsync($"{ElsaApiFixture.Api}/workflow-definitions/{id}/export?versionOptions=Published");
        var exported = JsonNode.Parse(await export.Content.ReadAsStringAsync())!.AsObject();
        Assert.True(JsonNode.DeepEquals(model["root"], loaded["root"]));
        Assert.True(JsonNode.DeepEquals(loaded["root"], exported["root"]));

        var run = await fixture.Admin.PostJsonAsync($"/workflow-definitions/{id}/execute", new JsonObject());
        Assert.Equal(HttpStatusCode.OK, run.Status);
        var state = run.Json["workflowState"]!;
        Assert.Equal("Finished", state["subStatus"]!.GetValue<string>());
        Assert.Equal("parere su P-1", state["output"]!["Parere"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_child_instance_names_its_parent_as_parentWorkflowInstanceId_in_the_instance_and_its_workflow_state_as_Elsa_does()
    {
        var child = await fixture.Admin.SaveAsync(Reusable(ElsaApiFixture.NewId("figlio"), "figlio con padre"), publish: true);
        var model = Flowchart(ElsaApiFixture.NewId("padre"),
            [Start(), Activity("exec", "Elsa.ExecuteWorkflow", ("workflowDefinitionId", Literal(child["definitionId"]!.GetValue<string>())),
                ("waitForCompletion", Literal(true, "Boolean")), ("result", Bound("Esito"))), End()],
            [("start", "Done", "exec"), ("exec", "Done", "end")], "Esito");
        var id = (await fixture.Admin.SaveAsync(model, publish: true))["definitionId"]!.GetValue<string>();
        var run = (await fixture.Admin.PostJsonAsync($"/workflow-definitions/{id}/execute", new JsonObject())).Json["workflowState"]!;
        var parentId = run["id"]!.GetValue<string>();
        var childId = run["variables"]!["Esito"]!["workflowInstanceId"]!.GetValue<string>();

        var childJson = (await fixture.Admin.GetJsonAsync($"/workflow-instances/{childId}")).Json;
        var parentJson = (await fixture.Admin.GetJsonAsync($"/workflow-instances/{parentId}")).Json;

        Assert.Equal(parentId, childJson["parentWorkflowInstanceId"]!.GetValue<string>());
        Assert.Equal(parentId, childJson["workflowState"]!["parentWorkflowInstanceId"]!.GetValue<string>());
        // A top-level instance has the property, null, as Elsa serialises it.
        Assert.True(parentJson.ContainsKey("parentWorkflowInstanceId"));
        Assert.Null(parentJson["parentWorkflowInstanceId"]);
        Assert.Null(parentJson["workflowState"]!["parentWorkflowInstanceId"]);
    }

    [Theory]
    [InlineData("contributo-anziani")]
    [InlineData("mensa-scolastica")]
    public async Task A_shipped_procedure_reusing_parere_asl_saves_loads_and_exports_unchanged(string shippedId)
    {
        var shipped = (await fixture.Admin.GetJsonAsync($"/workflow-definitions/by-definition-id/{shippedId}?versionOptions=Published")).Json;
        var copy = (JsonObject)shipped.DeepClone();
        var id = ElsaApiFixture.NewId(shippedId);
        copy["definitionId"] = id;
        copy["name"] = id;
        copy.Remove("id");
        await fixture.Admin.SaveAsync(copy, publish: true);

        var loaded = (await fixture.Admin.GetJsonAsync($"/workflow-definitions/by-definition-id/{id}?versionOptions=Published")).Json;
        var export = await fixture.Admin.GetAsync($"{ElsaApiFixture.Api}/workflow-definitions/{id}/export?versionOptions=Published");
        var exported = JsonNode.Parse(await export.Content.ReadAsStringAsync())!.AsObject();

        Assert.True(JsonNode.DeepEquals(shipped["root"], loaded["root"]));
        Assert.True(JsonNode.DeepEquals(loaded["root"], exported["root"]));
        Assert.True(JsonNode.DeepEquals(shipped["variables"], loaded["variables"]));
        Assert.Contains("\"type\":\"ParereASL\"", loaded["root"]!.ToJsonString());
    }
}
