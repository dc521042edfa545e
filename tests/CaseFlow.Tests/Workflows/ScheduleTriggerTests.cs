using System.Text.Json.Nodes;
using CaseFlow.Tests.Infrastructure;
using CaseFlow.Workflows.Activities.Flow;
using CaseFlow.Workflows.Timers;
using Microsoft.Extensions.DependencyInjection;
using static CaseFlow.Tests.Workflows.Def;

namespace CaseFlow.Tests.Workflows;

/// <summary>
/// Elsa's Cron and Timer as triggers of a published definition: an instance starts at each occurrence, at the trigger,
/// exactly once however many hosts sweep; unpublishing removes the schedule. Time passes by moving the schedule's row.
/// </summary>
public class ScheduleTriggerTests(QuietRuntimeFixture fixture) : IClassFixture<QuietRuntimeFixture>
{
    private static JsonObject Triggered(string id, string type, string input, string value)
    {
        var trigger = Activity("trigger", type, (input, Literal(value)));
        trigger["customProperties"]!["canStartWorkflow"] = true;
        return Flowchart(id, [trigger, Activity("print", "Elsa.WriteLine", ("text", Literal("avviato"))), End()], [("trigger", "Done", "print"), ("print", "Done", "end")]);
    }

    private async Task<long> StartedAsync(string definitionId) =>
        await fixture.ScalarAsync<long>("SELECT count(*) FROM workflow_instances WHERE definition_id = @d", ("d", definitionId));

    private async Task<DateTime> NextAtAsync(string definitionId) =>
        await fixture.ScalarAsync<DateTime>("SELECT next_at FROM workflow_schedules WHERE definition_id = @d", ("d", definitionId));

    private Task PassTimeAsync(string definitionId) =>
        fixture.ScalarAsync<int>("UPDATE workflow_schedules SET next_at = now() - interval '1 second' WHERE definition_id = @d", ("d", definitionId));

    /// <summary>Four sweeps at once, two on each of two hosts, as two hosts' recurring jobs would run them.</summary>
    private static async Task SweepTogetherAsync(params TimerSweeper[] sweepers) =>
        await Task.WhenAll(sweepers.Concat(sweepers).Select(s => Task.Run(() => s.SweepAsync(CancellationToken.None))));

    [Fact]
    public async Task A_published_Timer_trigger_first_starts_an_instance_one_interval_after_publishing_then_once_per_occurrence_across_two_hosts()
    {
        var before = DateTime.UtcNow;
        var definition = await fixture.PublishAsync(Triggered("timer-trigger", "Elsa.Timer", "interval", "01:00:00"));
        await using var second = new CaseFlowApp(fixture.ConnectionString, new Dictionary<string, string?> { ["Jobs:RunServer"] = "false" });
        var sweepers = new[] { fixture.Sweeper, second.Services.GetRequiredService<TimerSweeper>() };

        await SweepTogetherAsync(sweepers);

        Assert.Equal(0L, await StartedAsync(definition.DefinitionId));
        Assert.Equal(1L, await fixture.ScalarAsync<long>("SELECT count(*) FROM workflow_schedules WHERE definition_id = @d", ("d", definition.DefinitionId)));
        Assert.InRange(await NextAtAsync(definition.DefinitionId), before.AddHours(1).AddSeconds(-1), DateTime.UtcNow.AddHours(1).AddSeconds(1));

        for (var occurrence = 1; occurrence <= 2; occurrence++)
        {
            await PassTimeAsync(definition.DefinitionId);
            await SweepTogetherAsync(sweepers);
            Assert.Equal(occurrence, await StartedAsync(definition.DefinitionId));
        }

        // The instance started at the trigger, which completed at once, with Elsa's timer input.
        var instance = await fixture.ScalarAsync<string>("SELECT id FROM workflow_instances WHERE definition_id = @d LIMIT 1", ("d", definition.DefinitionId));
        Assert.Equal("Finished", await fixture.ScalarAsync<string>("SELECT sub_status FROM workflow_instances WHERE id = @id", ("id", instance!)));
        Assert.Equal("01:00:00", await fixture.ScalarAsync<string>("SELECT state->'input'->>'Interval' FROM workflow_instances WHERE id = @id", ("id", instance!)));
        Assert.Equal(["trigger", "print", "end"], (await fixture.JournalAsync(instance!)).Where(e => e.Event == "Completed").Select(e => e.ActivityId).ToArray());
        Assert.DoesNotContain(await fixture.JournalAsync(instance!), e => e.Event == "Suspended");
        // The next occurrence is still to come, an interval on.
        Assert.True(await NextAtAsync(definition.DefinitionId) > DateTime.UtcNow.AddMinutes(59));
    }

    [Fact]
    public async Task A_published_Cron_trigger_starts_one_instance_per_occurrence_with_its_expression_and_unpublishing_removes_the_schedule()
    {
        var definition = await fixture.PublishAsync(Triggered("cron-trigger", "Elsa.Cron", "cronExpression", "0 6 * * 1"));
        await using var second = new CaseFlowApp(fixture.ConnectionString, new Dictionary<string, string?> { ["Jobs:RunServer"] = "false" });
        var sweepers = new[] { fixture.Sweeper, second.Services.GetRequiredService<TimerSweeper>() };

        await SweepTogetherAsync(sweepers);
        var expected = Cron.NextAfter("0 6 * * 1", DateTimeOffset.UtcNow.AddSeconds(-30))!.Value.UtcDateTime;
        var nextAt = await NextAtAsync(definition.DefinitionId);
        Assert.Equal(expected, nextAt);
        Assert.Equal(DayOfWeek.Monday, nextAt.DayOfWeek);
        Assert.Equal(6, nextAt.Hour);

        await PassTimeAsync(definition.DefinitionId);
        await SweepTogetherAsync(sweepers);

        Assert.Equal(1L, await StartedAsync(definition.DefinitionId));
        Assert.Equal("0 6 * * 1", await fixture.ScalarAsync<string>("SELECT state->'input'->>'CronExpression' FROM workflow_instances WHERE definition_id = @d", ("d", definition.DefinitionId)));
        Assert.Equal(Cron.NextAfter("0 6 * * 1", DateTimeOffset.UtcNow)!.Value.UtcDateTime, await NextAtAsync(definition.DefinitionId));

        // Retracted: the schedule goes, and an occurrence that comes due starts nothing.
        await PassTimeAsync(definition.DefinitionId);
        await fixture.Definitions.RetractAsync(definition.DefinitionId, CancellationToken.None);
        await SweepTogetherAsync(sweepers);

        Assert.Equal(1L, await StartedAsync(definition.DefinitionId));
        Assert.Equal(0L, await fixture.ScalarAsync<long>("SELECT count(*) FROM workflow_schedules WHERE definition_id = @d", ("d", definition.DefinitionId)));
    }

    [Fact]
    public async Task An_activity_that_is_not_marked_as_starting_the_workflow_schedules_nothing()
    {
        var model = Triggered("cron-not-trigger", "Elsa.Cron", "cronExpression", "* * * * *");
        model["root"]!["activities"]![0]!["customProperties"]!.AsObject().Remove("canStartWorkflow");
        var definition = await fixture.PublishAsync(model);

        await fixture.Sweeper.SweepAsync(CancellationToken.None);

        Assert.Equal(0L, await fixture.ScalarAsync<long>("SELECT count(*) FROM workflow_schedules WHERE definition_id = @d", ("d", definition.DefinitionId)));
    }
}
