using System.Net;
using System.Text.Json.Nodes;
using CaseFlow.Workflows.Activities;
using Microsoft.Extensions.DependencyInjection;

namespace CaseFlow.Tests.ElsaApi;

public class DescriptorEndpointsTests(ElsaApiFixture fixture) : IClassFixture<ElsaApiFixture>
{
    private static readonly string[] DescriptorFields =
        ["typeName", "namespace", "name", "version", "category", "displayName", "description", "kind", "isContainer", "isBrowsable", "isStart", "isTerminal",
         "customProperties", "constructionProperties", "inputs", "outputs", "ports"];

    private static readonly string[] InputFields =
        ["name", "typeName", "displayName", "description", "order", "isBrowsable", "isSynthetic", "isWrapped", "uiHint", "category", "defaultValue",
         "defaultSyntax", "isReadOnly", "isSensitive", "storageDriverType", "uiSpecifications"];

    private async Task<JsonArray> ItemsAsync(string url)
    {
        var reply = await fixture.Admin.GetJsonAsync(url);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(reply.Json["items"]!.AsArray().Count, reply.Json["count"]!.GetValue<int>());
        return reply.Json["items"]!.AsArray();
    }

    private async Task<JsonObject> ActivityAsync(string typeName) =>
        (await ItemsAsync("/descriptors/activities?Refresh=True")).Single(d => d!["typeName"]!.GetValue<string>() == typeName)!.AsObject();

    [Fact]
    public async Task Every_type_the_runtime_runs_is_described_in_Elsas_full_shape_with_no_null_collections()
    {
        var items = await ItemsAsync("/descriptors/activities?Refresh=True");
        var registry = fixture.App.Services.GetRequiredService<ActivityRegistry>();

        // WorkflowDefinitionActivity is not a toolbox entry itself: each definition usable as an activity is one.
        Assert.Superset(registry.All.Where(h => h.Descriptor.IsBrowsable).Select(h => h.Descriptor.TypeName).ToHashSet(), items.Select(i => i!["typeName"]!.GetValue<string>()).ToHashSet());
        foreach (var item in items.Select(i => i!.AsObject()))
        {
            Assert.All(DescriptorFields, f => Assert.True(item[f] is not null, $"{item["typeName"]}.{f}"));
            Assert.Contains(item["kind"]!.GetValue<string>(), new[] { "Action", "Task", "Trigger" });
            foreach (var input in item["inputs"]!.AsArray().Select(i => i!.AsObject()))
            {
                Assert.All(InputFields, f => Assert.True(input.ContainsKey(f), $"{item["typeName"]}.{input["name"]}.{f}"));
            }

            // Outcome ports are Flow; a loop's body is Elsa's Embedded port (the Studio edits it as a nested diagram).
            Assert.All(item["ports"]!.AsArray(), p => Assert.Equal(
                p!["name"]!.GetValue<string>() == "Body" && item["typeName"]!.GetValue<string>().EndsWith("ForEach", StringComparison.Ordinal) ? "Embedded" : "Flow",
                p["type"]!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task Ports_are_static_for_a_decision_and_derived_by_the_Studio_for_switches_forks_and_office_tasks()
    {
        Assert.Equal(["True", "False"], (await ActivityAsync("Elsa.FlowDecision"))["ports"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
        Assert.Equal(["Done"], (await ActivityAsync("Elsa.WriteLine"))["ports"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));

        var fork = await ActivityAsync("Elsa.FlowFork");
        Assert.Empty(fork["ports"]!.AsArray());
        Assert.Contains(fork["inputs"]!.AsArray(), i => i!["uiHint"]!.GetValue<string>() == "dynamic-outcomes");

        var task = await ActivityAsync("CaseFlow.OfficeTask");
        Assert.Empty(task["ports"]!.AsArray());
        var outcomes = task["inputs"]!.AsArray().Single(i => i!["name"]!.GetValue<string>() == "outcomes")!;
        Assert.Equal("dynamic-outcomes", outcomes["uiHint"]!.GetValue<string>());
        Assert.Equal("Object", outcomes["defaultSyntax"]!.GetValue<string>());

        var flowSwitch = await ActivityAsync("Elsa.FlowSwitch");
        Assert.Empty(flowSwitch["ports"]!.AsArray());
        Assert.Contains(flowSwitch["inputs"]!.AsArray(), i => i!["uiHint"]!.GetValue<string>() == "flow-switch-editor");
    }

    [Fact]
    public async Task Drop_downs_carry_their_items_and_the_office_list_comes_from_configuration()
    {
        var task = await ActivityAsync("CaseFlow.OfficeTask");
        var office = task["inputs"]!.AsArray().Single(i => i!["name"]!.GetValue<string>() == "office")!;
        var items = office["uiSpecifications"]!["dropdown"]!["selectList"]!["items"]!.AsArray();
        Assert.Equal(["comune-servizi-sociali", "asl-commissione"], items.Select(i => i!["value"]!.GetValue<string>()));
        Assert.False(office["uiSpecifications"]!["dropdown"]!["selectList"]!["isFlagsEnum"]!.GetValue<bool>());

        var mode = (await ActivityAsync("Elsa.FlowSwitch"))["inputs"]!.AsArray().Single(i => i!["name"]!.GetValue<string>() == "mode")!;
        Assert.Equal(["MatchFirst", "MatchAny"], mode["uiSpecifications"]!["dropdown"]!["selectList"]!["items"]!.AsArray().Select(i => i!["text"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_flowchart_root_is_described_as_a_container_kept_out_of_the_toolbox()
    {
        var root = await ActivityAsync("Elsa.Flowchart");
        Assert.True(root["isContainer"]!.GetValue<bool>());
        Assert.False(root["isBrowsable"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Expression_descriptors_are_never_empty_and_name_their_Monaco_language()
    {
        var items = await ItemsAsync("/descriptors/expression-descriptors");
        Assert.Equal(["Literal", "Variable", "Object", "JavaScript", "Liquid"], items.Select(i => i!["type"]!.GetValue<string>()));
        Assert.Equal("javascript", items.Single(i => i!["type"]!.GetValue<string>() == "JavaScript")!["properties"]!["MonacoLanguage"]!.GetValue<string>());
        Assert.All(items, i => Assert.True(i!["isSerializable"]!.GetValue<bool>()));
    }

    [Theory]
    [InlineData("/descriptors/workflow-activation-strategies", "typeName")]
    [InlineData("/descriptors/log-persistence-strategies", "typeName")]
    [InlineData("/descriptors/incident-strategies", "typeName")]
    [InlineData("/descriptors/commit-strategies/workflows", "name")]
    [InlineData("/descriptors/commit-strategies/activities", "name")]
    [InlineData("/descriptors/storage-drivers", "typeName")]
    [InlineData("/descriptors/variables", "typeName")]
    [InlineData("/features/installed", "fullName")]
    public async Task Each_settings_list_is_an_items_and_count_list_of_named_entries(string url, string key)
    {
        var items = await ItemsAsync(url);
        Assert.All(items, i => Assert.False(string.IsNullOrEmpty(i![key]!.GetValue<string>())));
    }

    [Fact]
    public async Task Variable_types_cover_the_primitives_and_features_omit_real_time_updates()
    {
        var types = (await ItemsAsync("/descriptors/variables")).Select(i => i!["typeName"]!.GetValue<string>()).ToList();
        Assert.Superset(new HashSet<string> { "String", "Boolean", "Int32", "Int64", "Double", "Decimal", "DateTime", "DateTimeOffset", "TimeSpan", "Object" }, types.ToHashSet());
        Assert.All(await ItemsAsync("/descriptors/variables"), i => Assert.NotNull(i!["category"]));

        var features = await ItemsAsync("/features/installed");
        Assert.DoesNotContain(features, f => f!["fullName"]!.GetValue<string>().Contains("RealTimeWorkflowUpdates"));
        Assert.All(features, f => Assert.All(new[] { "name", "namespace", "fullName", "displayName", "description" }, k => Assert.NotNull(f![k])));
    }
}
