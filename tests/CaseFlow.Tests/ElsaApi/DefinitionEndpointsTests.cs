using System.Net;
using System.Text.Json.Nodes;
using CaseFlow.Tests.Workflows;
using static CaseFlow.Tests.Workflows.Def;

namespace CaseFlow.Tests.ElsaApi;

public class DefinitionEndpointsTests(ElsaApiFixture fixture) : IClassFixture<ElsaApiFixture>
{
    [Fact]
    public async Task Creating_as_the_Studio_does_returns_201_with_links_isLatest_root_nodeId_and_no_null_collections()
    {
        var model = new JsonObject
        {
            ["definitionId"] = null, ["name"] = ElsaApiFixture.NewId("Nuovo procedimento"), ["version"] = 1,
            ["variables"] = null, ["inputs"] = null, ["outputs"] = null, ["outcomes"] = null, ["customProperties"] = null, ["options"] = null,
            ["root"] = new JsonObject { ["id"] = "flow1", ["type"] = "Elsa.Flowchart", ["version"] = 1, ["name"] = "Flowchart1" },
        };

        var reply = await fixture.Admin.PostJsonAsync("/workflow-definitions", new JsonObject { ["model"] = model, ["publish"] = false });

        Assert.Equal(HttpStatusCode.Created, reply.Status);
        Assert.False(reply.Json["alreadyPublished"]!.GetValue<bool>());
        Assert.Equal(0, reply.Json["consumingWorkflowCount"]!.GetValue<int>());
        var definition = reply.Json["workflowDefinition"]!.AsObject();
        Assert.False(string.IsNullOrEmpty(definition["definitionId"]!.GetValue<string>()));
        Assert.True(definition["isLatest"]!.GetValue<bool>());
        Assert.False(definition["isPublished"]!.GetValue<bool>());
        Assert.Equal("Workflow1:flow1", definition["root"]!["nodeId"]!.GetValue<string>());
        Assert.IsType<JsonArray>(definition["root"]!["activities"], exactMatch: false);
        foreach (var name in new[] { "variables", "inputs", "outputs", "outcomes" })
        {
            Assert.IsType<JsonArray>(definition[name], exactMatch: false);
        }

        Assert.IsType<JsonObject>(definition["customProperties"], exactMatch: false);
        Assert.IsType<JsonObject>(definition["options"], exactMatch: false);
        Assert.Contains(definition["links"]!.AsArray(), l => l!["rel"]!.GetValue<string>() == "publish");
    }

    [Fact]
    public async Task Designer_metadata_and_unknown_fields_survive_save_then_get_unchanged()
    {
        var model = ElsaApiFixture.Sample(ElsaApiFixture.NewId("roundtrip"));
        model["root"]!["x-caseflow-unknown"] = new JsonObject { ["kept"] = true };
        model["root"]!["activities"]![0]!["futureField"] = new JsonArray(1, 2, 3);
        model["root"]!["activities"]![1]!["metadata"]!["designer"]!["custom"] = "nota";
        model["customProperties"]!["VariableTestValues"] = new JsonObject { ["Importo"] = 5 };

        var saved = await fixture.Admin.SaveAsync(model, publish: false);
        var got = (await fixture.Admin.GetJsonAsync($"/workflow-definitions/by-definition-id/{saved["definitionId"]}?versionOptions=Latest")).Json;

        Assert.True(JsonNode.DeepEquals(model["root"], got["root"]), got["root"]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(model["variables"], got["variables"]));
        Assert.True(JsonNode.DeepEquals(model["customProperties"], got["customProperties"]));
        Assert.Equal(-200, got["root"]!["activities"]![1]!["metadata"]!["designer"]!["position"]!["x"]!.GetValue<int>());
        Assert.Equal(168.4, got["root"]!["activities"]![1]!["metadata"]!["designer"]!["size"]!["width"]!.GetValue<double>());
        var byId = (await fixture.Admin.GetJsonAsync($"/workflow-definitions/by-id/{saved["id"]}")).Json;
        Assert.True(JsonNode.DeepEquals(got["root"], byId["root"]));
    }

    [Fact]
    public async Task An_invalid_definition_is_a_400_whose_errors_name_the_activity()
    {
        var model = Flowchart(ElsaApiFixture.NewId("invalid"),
            [Start(), Activity("misterioso", "Elsa.HttpEndpoint"), Activity("scrivi", "Elsa.WriteLine", ("text", Literal("ciao")))],
            [("start", "Done", "scrivi"), ("scrivi", "Nope", "start")]);

        var reply = await fixture.Admin.PostJsonAsync("/workflow-definitions", new JsonObject { ["model"] = model, ["publish"] = false });

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        var errors = reply.Json["errors"]!.AsObject();
        Assert.Contains("misterioso", errors.Select(e => e.Key));
        Assert.Contains("Elsa.HttpEndpoint", errors["misterioso"]![0]!.GetValue<string>());
        Assert.Contains("scrivi", errors.Select(e => e.Key));
        Assert.Equal("https://caseflow.example/problems/invalid-workflow-definition", reply.Json["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_save_that_would_drop_every_activity_is_refused_and_the_stored_version_kept()
    {
        var saved = await fixture.Admin.SaveAsync(ElsaApiFixture.Sample(ElsaApiFixture.NewId("emptied")), publish: false);
        var emptied = (JsonObject)saved.DeepClone();
        emptied["root"]!["activities"] = new JsonArray();
        emptied["root"]!["connections"] = new JsonArray();

        var reply = await fixture.Admin.PostJsonAsync("/workflow-definitions", new JsonObject { ["model"] = emptied, ["publish"] = false });

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.True(reply.Json["errors"]!.AsObject().ContainsKey("root.activities"));
        var got = (await fixture.Admin.GetJsonAsync($"/workflow-definitions/by-definition-id/{saved["definitionId"]}?versionOptions=Latest")).Json;
        Assert.Equal(6, got["root"]!["activities"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_root_other_than_flowchart_or_sequence_is_refused_with_a_message_saying_to_draw_a_flowchart()
    {
        var model = new JsonObject { ["name"] = "par", ["root"] = new JsonObject { ["id"] = "par1", ["type"] = "Elsa.Parallel", ["version"] = 1 } };

        var reply = await fixture.Admin.PostJsonAsync("/workflow-definitions", new JsonObject { ["model"] = model, ["publish"] = false });

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains("flowchart", reply.Json["errors"]!["root.type"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task The_list_is_paged_summaries_with_a_bulk_publish_link_and_the_version_history_is_newest_first()
    {
        var id = ElsaApiFixture.NewId("versions");
        var first = await fixture.Admin.SaveAsync(ElsaApiFixture.Sample(id), publish: true);
        await fixture.Admin.SaveAsync(first, publish: true);

        var list = (await fixture.Admin.GetJsonAsync("/workflow-definitions?versionOptions=Latest&Page=0&PageSize=10&SearchTerm=&IsSystem=False&OrderDirection=Ascending")).Json;
        Assert.Contains(list["links"]!.AsArray(), l => l!["rel"]!.GetValue<string>() == "bulk-publish");
        Assert.True(list["totalCount"]!.GetValue<long>() >= 1);
        var summary = list["items"]!.AsArray().Single(i => i!["definitionId"]!.GetValue<string>() == id)!;
        foreach (var field in new[] { "id", "definitionId", "name", "version", "isLatest", "isPublished", "materializerName", "createdAt" })
        {
            Assert.True(summary.AsObject().ContainsKey(field), field);
        }

        var history = (await fixture.Admin.GetJsonAsync($"/workflow-definitions?versionOptions=AllVersions&Page=0&PageSize=10&DefinitionIds={id}&OrderBy=Version&OrderDirection=Descending")).Json;
        Assert.Equal([2, 1], history["items"]!.AsArray().Select(i => i!["version"]!.GetValue<int>()));
        Assert.Equal(2, history["totalCount"]!.GetValue<long>());
        var oldVersionId = history["items"]![1]!["id"]!.GetValue<string>();
        var byIds = (await fixture.Admin.GetJsonAsync($"/workflow-definitions?versionOptions=&Ids={oldVersionId}")).Json;
        Assert.Equal(oldVersionId, byIds["items"]!.AsArray().Single()!["id"]!.GetValue<string>());
        var system = (await fixture.Admin.GetJsonAsync("/workflow-definitions?IsSystem=True")).Json;
        Assert.Empty(system["items"]!.AsArray());
    }

    [Fact]
    public async Task Publish_retract_and_404_for_an_unknown_definition()
    {
        var saved = await fixture.Admin.SaveAsync(ElsaApiFixture.Sample(ElsaApiFixture.NewId("lifecycle")), publish: false);
        var id = saved["definitionId"]!.GetValue<string>();

        var published = await fixture.Admin.PostJsonAsync($"/workflow-definitions/{id}/publish", new JsonObject());
        Assert.Equal(HttpStatusCode.OK, published.Status);
        Assert.True(published.Json["workflowDefinition"]!["isPublished"]!.GetValue<bool>());

        var retracted = await fixture.Admin.PostJsonAsync($"/workflow-definitions/{id}/retract", new JsonObject());
        Assert.Equal(HttpStatusCode.OK, retracted.Status);
        Assert.False(retracted.Json["isPublished"]!.GetValue<bool>());
        Assert.True(retracted.Json["isLatest"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Admin.PostJsonAsync($"/workflow-definitions/{id}/retract", new JsonObject())).Status);

        var missing = await fixture.Admin.GetJsonAsync("/workflow-definitions/by-definition-id/non-esiste?versionOptions=Latest");
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal("definitionId", missing.Json["field"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Admin.GetJsonAsync("/workflow-definitions/by-id/non-esiste")).Status);
    }

    [Fact]
    public async Task Export_is_a_json_file_that_imports_back_and_names_are_checked_for_uniqueness()
    {
        var saved = await fixture.Admin.SaveAsync(ElsaApiFixture.Sample(ElsaApiFixture.NewId("export")), publish: true);
        var id = saved["definitionId"]!.GetValue<string>();

        var export = await fixture.Admin.GetAsync($"{ElsaApiFixture.Api}/workflow-definitions/{id}/export?versionOptions=Published");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/json", export.Content.Headers.ContentType?.MediaType);
        Assert.Equal("contributo-affitto.json", export.Content.Headers.ContentDisposition?.FileNameStar ?? export.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var exported = JsonNode.Parse(await export.Content.ReadAsStringAsync())!.AsObject();
        Assert.False(exported.ContainsKey("links"));

        var newId = ElsaApiFixture.NewId("imported");
        exported["definitionId"] = newId;
        exported["name"] = newId;
        var imported = await fixture.Admin.PostJsonAsync("/workflow-definitions/import", exported);
        Assert.Equal(HttpStatusCode.OK, imported.Status);
        Assert.Equal(newId, imported.Json["definitionId"]!.GetValue<string>());
        Assert.NotEqual(saved["id"]!.GetValue<string>(), imported.Json["id"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(saved["root"], imported.Json["root"]));

        Assert.False((await fixture.Admin.GetJsonAsync($"/workflow-definitions/validation/is-name-unique?name={newId}")).Json["isUnique"]!.GetValue<bool>());
        Assert.True((await fixture.Admin.GetJsonAsync($"/workflow-definitions/validation/is-name-unique?name={newId}&definitionId={newId}")).Json["isUnique"]!.GetValue<bool>());
        Assert.True((await fixture.Admin.GetJsonAsync("/workflow-definitions/validation/is-name-unique?name=Mai%20usato")).Json["isUnique"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Deleting_removes_every_version_but_only_while_no_instance_ran_on_it()
    {
        var unused = await fixture.Admin.SaveAsync(ElsaApiFixture.Sample(ElsaApiFixture.NewId("delete")), publish: true);
        Assert.Equal(HttpStatusCode.NoContent, (await fixture.Admin.DeleteJsonAsync($"/workflow-definitions/{unused["definitionId"]}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Admin.GetJsonAsync($"/workflow-definitions/by-definition-id/{unused["definitionId"]}?versionOptions=Latest")).Status);

        var used = await fixture.Admin.SaveAsync(ElsaApiFixture.Sample(ElsaApiFixture.NewId("inuse")), publish: true);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Admin.PostJsonAsync($"/workflow-definitions/{used["definitionId"]}/execute", new JsonObject())).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await fixture.Admin.DeleteJsonAsync($"/workflow-definitions/{used["definitionId"]}")).Status);
    }
}
