using System.Text.Json.Nodes;
using CaseFlow.Workflows.Definitions;
using CaseFlow.Workflows.Runtime;
using static CaseFlow.Tests.Workflows.Def;

namespace CaseFlow.Tests.Workflows;

/// <summary>No definition can hang or kill the host: a step has a budget, skips never recurse, a definition has a size cap.</summary>
public class StepBudgetTests(StepBudgetTests.Fixture fixture) : IClassFixture<StepBudgetTests.Fixture>
{
    public sealed class Fixture : RuntimeFixture
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Workflows:MaxActivitiesPerStep"] = "300" };
    }

    [Fact]
    public async Task A_loop_without_a_wait_faults_its_instance_with_an_incident_once_the_step_budget_is_spent()
    {
        var instance = await fixture.RunAsync(Flowchart("spin", [Start(), SetVariable("inc", "n", Js("(getVariable('n') ?? 0) + 1")), Decision("again", "true")],
            [("start", "Done", "inc"), ("inc", "Done", "again"), ("again", "True", "inc")], "n"));

        Assert.Equal(WorkflowSubStatus.Faulted, instance.SubStatus);
        // Start, then inc and again alternately: the 301st activity is the one refused.
        Assert.Equal(150, instance.Variables["n"]!.GetValue<long>());
        var message = await fixture.ScalarAsync<string>("SELECT message FROM workflow_incidents WHERE instance_id = @id", ("id", instance.Id));
        Assert.Contains("more than 300 activities", message);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await fixture.App.CreateClient().GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task A_retry_gives_the_stopped_loop_a_fresh_budget()
    {
        var instance = await fixture.RunAsync(Flowchart("spin-retry", [Start(), SetVariable("inc", "n", Js("(getVariable('n') ?? 0) + 1")), Decision("again", "getVariable('n') < 200"), End()],
            [("start", "Done", "inc"), ("inc", "Done", "again"), ("again", "True", "inc"), ("again", "False", "end")], "n"));
        Assert.Equal(WorkflowSubStatus.Faulted, instance.SubStatus);

        var retried = await fixture.Runtime.RetryAsync(instance.Id, CancellationToken.None);

        Assert.Equal(WorkflowSubStatus.Finished, retried.SubStatus);
        Assert.Equal(200, retried.Variables["n"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_long_branch_not_taken_is_skipped_without_recursion()
    {
        // 1,900 activities on the branch a decision does not take, then a merge: recursing per skipped activity would
        // take thousands of frames per step; the skips are queued instead.
        const int length = 1900;
        var chain = Enumerable.Range(0, length).Select(i => SetVariable($"s{i}", "x", Literal(i, "Int32"))).ToList();
        var connections = new List<(string, string, string)> { ("start", "Done", "pick"), ("pick", "True", "s0"), ("pick", "False", "merge") };
        connections.AddRange(Enumerable.Range(0, length - 1).Select(i => ($"s{i}", "Done", $"s{i + 1}")));
        connections.Add(($"s{length - 1}", "Done", "merge"));
        var merge = SetVariable("merge", "done", Literal(true, "Boolean"));
        var instance = await fixture.RunAsync(Flowchart("long-skip", [Start(), Decision("pick", "false"), .. chain, merge, End()], [.. connections, ("merge", "Done", "end")],
            "x", "done"));

        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        Assert.True(instance.Variables["done"]!.GetValue<bool>());
        Assert.Null(instance.Variables["x"]);
    }

    [Fact]
    public async Task A_definition_over_the_size_cap_is_refused_at_save_naming_the_cap()
    {
        var activities = Enumerable.Range(0, DefinitionParser.MaxActivities + 1).Select(i => SetVariable($"a{i}", "x", Literal(i, "Int32"))).ToArray();

        var refused = await Assert.ThrowsAsync<DefinitionValidationException>(() => fixture.PublishAsync(Flowchart("huge", [Start(), .. activities], [], "x")));

        var error = Assert.Single(refused.Errors);
        Assert.Equal("root", error.Path);
        Assert.Contains($"at most {DefinitionParser.MaxActivities} activities", error.Message);
    }
}
