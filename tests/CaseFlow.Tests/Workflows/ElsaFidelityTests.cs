using System.Text.Json.Nodes;
using CaseFlow.Workflows.Definitions;
using CaseFlow.Workflows.Runtime;
using static CaseFlow.Tests.Workflows.Def;

namespace CaseFlow.Tests.Workflows;

/// <summary>Definitions as designers write them for Elsa 3, run the way Elsa runs them (issue 17's bugs).</summary>
public class ElsaFidelityTests(RuntimeFixture fixture) : IClassFixture<RuntimeFixture>
{
    private static JsonObject Typed(JsonObject definition, string name, string typeName, JsonNode? value, bool isArray = false)
    {
        definition["variables"]!.AsArray().Add(new JsonObject { ["id"] = $"{name}-id", ["name"] = name, ["typeName"] = typeName, ["isArray"] = isArray, ["value"] = value });
        return definition;
    }

    private static JsonObject WriteLine(string id, JsonObject text) => Activity(id, "Elsa.WriteLine", ("text", text));

    private Task<string?> LineAsync(InstanceSnapshot instance, string activityId) => fixture.ScalarAsync<string>(
        "SELECT message FROM workflow_journal WHERE instance_id = @id AND activity_id = @activity AND event_name = 'Completed' ORDER BY id LIMIT 1",
        ("id", instance.Id), ("activity", activityId));

    [Fact]
    public async Task A_script_may_return_at_top_level_as_Elsa_parses_it()
    {
        var definition = Typed(Flowchart("top-return",
            [Start(), Decision("check", "return getVariable('X') > 1;"), WriteLine("yes", Literal("maggiore")), WriteLine("no", Literal("minore"))],
            [("start", "Done", "check"), ("check", "True", "yes"), ("check", "False", "no")]), "X", "Int32", "2");

        var instance = await fixture.RunAsync(definition);

        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        var journal = await fixture.JournalAsync(instance.Id);
        Assert.Contains(("yes", "Completed"), journal);
        Assert.DoesNotContain(journal, e => e.ActivityId == "no");
    }

    [Fact]
    public async Task A_declared_workflow_input_has_a_generated_getter_beside_getInput()
    {
        var definition = Flowchart("input-getter",
            [Start(), WriteLine("say", Js("getMessage() + ' / ' + getInput('Message')", "String")), End()], [("start", "Done", "say"), ("say", "Done", "end")]);
        definition["inputs"] = new JsonArray(new JsonObject { ["type"] = "String", ["name"] = "Message", ["displayName"] = "Message", ["isArray"] = false });

        var instance = await fixture.RunAsync(definition, new JsonObject { ["Message"] = "Buongiorno" });

        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        Assert.Equal("Buongiorno / Buongiorno", await LineAsync(instance, "say"));
    }

    [Fact]
    public async Task An_Int32_variable_with_default_0_is_a_number_so_the_loop_runs_as_in_Elsa()
    {
        // Elsa pascalizes accessors: variable "counter" gives getCounter()/setCounter().
        var definition = Typed(Flowchart("typed-loop",
            [Start(), SetVariable("inc", "counter", Js("getCounter() + 1")), Decision("again", "getCounter() < 3"), End()],
            [("start", "Done", "inc"), ("inc", "Done", "again"), ("again", "True", "inc"), ("again", "False", "end")]), "counter", "Int32", "0");

        var instance = await fixture.RunAsync(definition);

        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        Assert.Equal(3, instance.Variables["counter"]!.GetValue<long>());
        Assert.Equal(3, (await fixture.JournalAsync(instance.Id)).Count(e => e == ("inc", "Completed")));
    }

    [Fact]
    public async Task A_value_set_from_a_script_is_converted_to_the_variable_type()
    {
        var definition = Typed(Typed(Flowchart("typed-set",
            [Start(), Activity("js", "Elsa.RunJavaScript", ("script", Js("setVariable('Total', '41.5'); setFlag('true');"))), End()],
            [("start", "Done", "js"), ("js", "Done", "end")]), "Total", "Double", null), "Flag", "Boolean", null);

        var instance = await fixture.RunAsync(definition);

        Assert.Equal(41.5, instance.Variables["Total"]!.GetValue<double>());
        Assert.True(instance.Variables["Flag"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_default_that_is_not_of_the_declared_type_is_refused_naming_the_variable()
    {
        var definition = Typed(Flowchart("bad-default", [Start(), End()], [("start", "Done", "end")]), "Giorni", "Int32", "dieci");

        var error = await Assert.ThrowsAsync<DefinitionValidationException>(() => fixture.PublishAsync(definition));

        var problem = Assert.Single(error.Errors);
        Assert.Equal("variables[0].value", problem.Path);
        Assert.Contains("Giorni", problem.Message);
    }

    [Fact]
    public async Task An_activity_of_unknown_type_is_reported_once_not_also_as_its_connections()
    {
        var definition = Flowchart("unknown-once",
            [Start(), Activity("http", "Elsa.NonEsiste"), End()], [("start", "Done", "http"), ("http", "Done", "end")]);

        var error = await Assert.ThrowsAsync<DefinitionValidationException>(() => fixture.PublishAsync(definition));

        var problem = Assert.Single(error.Errors);
        Assert.Equal("http", problem.ActivityId);
        Assert.Contains("Unknown activity type 'Elsa.NonEsiste'", problem.Message);
    }

    [Fact]
    public async Task An_empty_flowchart_completes_when_executed()
    {
        var instance = await fixture.RunAsync(Flowchart("empty", [], []));

        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
    }

    private static JsonObject WithMergeMode(JsonObject activity, string mode)
    {
        activity["customProperties"]!["mergeMode"] = mode;
        return activity;
    }

    [Fact]
    public async Task Merge_mode_Race_runs_on_the_first_branch_and_cancels_the_other()
    {
        var instance = await fixture.RunAsync(Flowchart("race",
            [Start(), Fork("fork", "A", "B"), OfficeTask("asl", "asl-commissione", "Fatto"), OfficeTask("comune", "comune-servizi-sociali", "Fatto"),
             WithMergeMode(WriteLine("after", Literal("primo")), "Race"), End()],
            [("start", "Done", "fork"), ("fork", "A", "asl"), ("fork", "B", "comune"), ("asl", "Fatto", "after"), ("comune", "Fatto", "after"), ("after", "Done", "end")]));

        instance = await fixture.ResumeAsync(instance, "comune");

        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        var journal = await fixture.JournalAsync(instance.Id);
        Assert.Contains(("asl", "Cancelled"), journal);
        Assert.Single(journal, e => e == ("after", "Completed"));
    }

    [Fact]
    public async Task Merge_mode_Cascade_runs_once_for_every_branch_that_arrives()
    {
        var instance = await fixture.RunAsync(Flowchart("cascade",
            [Start(), Fork("fork", "A", "B"), WriteLine("a", Literal("a")), WriteLine("b", Literal("b")), WithMergeMode(WriteLine("each", Literal("ogni ramo")), "Cascade")],
            [("start", "Done", "fork"), ("fork", "A", "a"), ("fork", "B", "b"), ("a", "Done", "each"), ("b", "Done", "each")]));

        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        Assert.Equal(2, (await fixture.JournalAsync(instance.Id)).Count(e => e == ("each", "Completed")));
    }

    [Theory]
    [InlineData("Merge", false)]
    [InlineData("Stream", true)]
    [InlineData("None", true)]
    public async Task Merge_mode_Merge_needs_every_inbound_branch_taken_while_Stream_ignores_untaken_ones(string mode, bool mergeRuns)
    {
        var instance = await fixture.RunAsync(Flowchart($"merge-{mode.ToLowerInvariant()}",
            [Start(), Decision("d", "true"), WriteLine("yes", Literal("sì")), WriteLine("no", Literal("no")), WithMergeMode(WriteLine("merge", Literal("insieme")), mode)],
            [("start", "Done", "d"), ("d", "True", "yes"), ("d", "False", "no"), ("yes", "Done", "merge"), ("no", "Done", "merge")]));

        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        Assert.Equal(mergeRuns, (await fixture.JournalAsync(instance.Id)).Contains(("merge", "Completed")));
    }

    [Theory]
    [InlineData("WaitAll", false)]
    [InlineData("WaitAllActive", true)]
    public async Task A_WaitAll_join_is_skipped_when_a_branch_was_not_taken_and_WaitAllActive_is_not(string mode, bool joinRuns)
    {
        var instance = await fixture.RunAsync(Flowchart($"join-{mode.ToLowerInvariant()}",
            [Start(), Decision("d", "false"), WriteLine("yes", Literal("sì")), WriteLine("no", Literal("no")), Join("join", mode), WriteLine("after", Literal("dopo"))],
            [("start", "Done", "d"), ("d", "True", "yes"), ("d", "False", "no"), ("yes", "Done", "join"), ("no", "Done", "join"), ("join", "Done", "after")]));

        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        Assert.Equal(joinRuns, (await fixture.JournalAsync(instance.Id)).Contains(("after", "Completed")));
    }

    private Task<string?> ActivityStateAsync(InstanceSnapshot instance, string activityId) => fixture.ScalarAsync<string>(
        "SELECT activity_state::text FROM workflow_activity_executions WHERE instance_id = @id AND activity_id = @activity", ("id", instance.Id), ("activity", activityId));

    private static JsonObject Strategy(string name) => new()
    {
        ["evaluationMode"] = "Strategy",
        ["strategyType"] = $"Elsa.Workflows.LogPersistence.Strategies.{name}, Elsa.Workflows.Core",
    };

    [Fact]
    public async Task Evaluated_inputs_are_kept_in_the_activity_state_unless_the_log_persistence_settings_exclude_them()
    {
        var excludedInput = WriteLine("hidden", Literal("riservato"));
        excludedInput["customProperties"]!["logPersistenceConfig"] = new JsonObject { ["inputs"] = new JsonObject { ["text"] = Strategy("Exclude") } };
        var legacyExcluded = WriteLine("legacy", Literal("anche questo"));
        legacyExcluded["customProperties"]!["logPersistenceMode"] = new JsonObject { ["default"] = "Exclude" };
        var instance = await fixture.RunAsync(Flowchart("log-persistence",
            [Start(), WriteLine("shown", Literal("visibile")), excludedInput, legacyExcluded, End()],
            [("start", "Done", "shown"), ("shown", "Done", "hidden"), ("hidden", "Done", "legacy"), ("legacy", "Done", "end")]));

        Assert.Equal("visibile", JsonNode.Parse((await ActivityStateAsync(instance, "shown"))!)!["text"]!.GetValue<string>());
        Assert.False(JsonNode.Parse((await ActivityStateAsync(instance, "hidden"))!)!.AsObject().ContainsKey("text"));
        Assert.False(JsonNode.Parse((await ActivityStateAsync(instance, "legacy"))!)!.AsObject().ContainsKey("text"));
    }

    [Fact]
    public async Task A_workflow_default_of_Exclude_is_inherited_by_its_activities_and_an_activity_may_include_again()
    {
        var included = WriteLine("included", Literal("visibile"));
        included["customProperties"]!["logPersistenceConfig"] = new JsonObject { ["default"] = Strategy("Include") };
        var definition = Flowchart("log-default",
            [Start(), WriteLine("inherits", Literal("nascosto")), included, End()], [("start", "Done", "inherits"), ("inherits", "Done", "included"), ("included", "Done", "end")]);
        definition["customProperties"] = new JsonObject { ["logPersistenceConfig"] = new JsonObject { ["default"] = Strategy("Exclude") } };

        var instance = await fixture.RunAsync(definition);

        Assert.False(JsonNode.Parse((await ActivityStateAsync(instance, "inherits"))!)!.AsObject().ContainsKey("text"));
        Assert.Equal("visibile", JsonNode.Parse((await ActivityStateAsync(instance, "included"))!)!["text"]!.GetValue<string>());
    }
}
