using System.Text.Json.Nodes;
using CaseFlow.Workflows.Definitions;
using static CaseFlow.Tests.Workflows.Def;

namespace CaseFlow.Tests.Workflows;

public class ValidationTests(RuntimeFixture fixture) : IClassFixture<RuntimeFixture>
{
    public static TheoryData<string, JsonObject, string, string> BrokenDefinitions => new()
    {
        {
            "unknown type",
            Flowchart("bad", [Start(), Activity("mystery", "Elsa.SendHttpRequest")], [("start", "Done", "mystery")]),
            "mystery", "Unknown activity type 'Elsa.SendHttpRequest'"
        },
        {
            "missing target",
            Flowchart("bad", [Start()], [("start", "Done", "ghost")]),
            "ghost", "does not exist"
        },
        {
            "missing port",
            Flowchart("bad", [Start(), Decision("d", "true"), End()], [("start", "Done", "d"), ("d", "Maybe", "end")]),
            "d", "no port 'Maybe'"
        },
        {
            "duplicate id",
            Flowchart("bad", [Start(), End("twin"), End("twin")], [("start", "Done", "twin")]),
            "twin", "Two activities have this id"
        },
        {
            "no start",
            Flowchart("bad", [Activity("a", "Elsa.WriteLine"), Activity("b", "Elsa.WriteLine")], [("a", "Done", "b"), ("b", "Done", "a")]),
            "", "no start activity"
        },
        {
            "javascript that does not compile",
            Flowchart("bad", [Start(), Decision("broken", "getVariable('x' ==")], [("start", "Done", "broken")]),
            "broken", "JavaScript does not compile"
        },
        {
            "liquid that does not compile",
            Flowchart("bad", [Start(), Activity("say", "Elsa.WriteLine", ("text", Liquid("{% if %}")))], [("start", "Done", "say")]),
            "say", "Liquid does not compile"
        },
        {
            "a parallel root",
            new JsonObject { ["definitionId"] = "par", ["root"] = new JsonObject { ["type"] = "Elsa.Parallel", ["id"] = "p" } },
            "", "Elsa.Flowchart"
        },
    };

    [Theory]
    [MemberData(nameof(BrokenDefinitions))]
    public async Task A_broken_definition_is_refused_with_the_activity_at_fault_and_nothing_is_stored(string _, JsonObject definition, string activityId, string message)
    {
        definition["definitionId"] = $"broken-{Guid.NewGuid():N}";

        var error = await Assert.ThrowsAsync<DefinitionValidationException>(() => fixture.Definitions.SaveAsync(definition, publish: true, "request", CancellationToken.None));

        Assert.Equal("request", error.Origin);
        Assert.Contains(error.Errors, e => e.Message.Contains(message) && (activityId == "" || e.ActivityId == activityId));
        Assert.Null(await fixture.Definitions.FindAsync(definition["definitionId"]!.GetValue<string>(), VersionOptions.AllVersions, CancellationToken.None));
    }

    [Fact]
    public async Task A_save_that_would_drop_every_activity_is_refused()
    {
        var v1 = await fixture.PublishAsync(Flowchart("keep", [Start(), End()], [("start", "Done", "end")]));
        var emptied = (JsonObject)v1.Document.DeepClone();
        emptied["root"]!["activities"] = new JsonArray();
        emptied["root"]!["connections"] = new JsonArray();

        var error = await Assert.ThrowsAsync<DefinitionValidationException>(() => fixture.Definitions.SaveAsync(emptied, publish: false, "studio", CancellationToken.None));
        Assert.Contains("refusing to drop them", error.Message);
    }

    [Fact]
    public async Task Unknown_fields_and_designer_metadata_survive_a_save_and_load_unchanged()
    {
        var model = Flowchart("roundtrip", [Start(), End()], [("start", "Done", "end")]);
        model["root"]!["activities"]![0]!["metadata"] = JsonNode.Parse("""{"designer":{"position":{"x":-120.5,"y":40},"size":{"width":180,"height":54}},"displayText":"Avvio"}""");
        model["root"]!["customProperties"] = JsonNode.Parse("""{"notFoundConnections":[],"caseflow":{"sheet":{"title":"Prova"}}}""");
        model["root"]!["activities"]![1]!["someFutureElsaField"] = JsonNode.Parse("""{"nested":[1,2,3]}""");
        model["customProperties"] = JsonNode.Parse("""{"VariableTestValues":{}}""");

        var saved = await fixture.PublishAsync(model);
        var loaded = await fixture.Definitions.FindByIdAsync(saved.Id, CancellationToken.None);

        Assert.True(JsonNode.DeepEquals(model["root"], loaded!.Document["root"]), loaded.Document["root"]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(model["customProperties"], loaded.Document["customProperties"]));
    }
}
