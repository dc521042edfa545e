using System.Text.Json.Nodes;
using CaseFlow.Workflows.Runtime;
using static CaseFlow.Tests.Workflows.Def;

namespace CaseFlow.Tests.Workflows;

/// <summary>One behaviour per activity not already covered by the flowchart, durability and timer tests.</summary>
public class ActivityTests(RuntimeFixture fixture) : IClassFixture<RuntimeFixture>
{
    [Fact]
    public async Task Finish_ends_the_whole_workflow_even_with_a_branch_still_waiting()
    {
        var instance = await fixture.RunAsync(Flowchart("finish",
            [Start(), Fork("fork", "A", "B"), OfficeTask("waits", "ufficio-a", "Fatto"), Activity("finish", "Elsa.Finish")],
            [("start", "Done", "fork"), ("fork", "A", "waits"), ("fork", "B", "finish")]));

        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        Assert.Empty(instance.Bookmarks);
    }

    [Fact]
    public async Task A_timer_inside_a_flowchart_waits_one_interval_on_a_durable_timer()
    {
        var instance = await fixture.RunAsync(Flowchart("timer",
            [Start(), Activity("tick", "Elsa.Timer", ("interval", Literal("00:10:00", "TimeSpan"))), End()],
            [("start", "Done", "tick"), ("tick", "Done", "end")]));

        var timer = Assert.Single(instance.Bookmarks);
        Assert.InRange(timer.DueAt!.Value - timer.CreatedAt, TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        Assert.Equal(1L, await fixture.ScalarAsync<long>("SELECT count(*) FROM workflow_timers WHERE instance_id = @id", ("id", instance.Id)));
    }

    [Fact]
    public async Task StartAt_waits_until_a_future_instant_and_passes_a_past_one_at_once()
    {
        var future = DateTimeOffset.UtcNow.AddDays(2).ToString("O");
        var waiting = await fixture.RunAsync(Flowchart("startat-future",
            [Start(), Activity("at", "Elsa.StartAt", ("dateTime", Literal(future, "DateTimeOffset"))), End()], [("start", "Done", "at"), ("at", "Done", "end")]));
        var passed = await fixture.RunAsync(Flowchart("startat-past",
            [Start(), Activity("at", "Elsa.StartAt", ("dateTime", Literal("2020-01-01T00:00:00Z", "DateTimeOffset"))), End()], [("start", "Done", "at"), ("at", "Done", "end")]));

        Assert.Equal(DateTimeOffset.Parse(future, System.Globalization.CultureInfo.InvariantCulture), Assert.Single(waiting.Bookmarks).DueAt);
        Assert.Equal(WorkflowSubStatus.Finished, passed.SubStatus);
    }

    [Fact]
    public async Task Correlate_sets_the_instance_correlation_id_from_an_expression()
    {
        var instance = await fixture.RunAsync(Flowchart("correlate",
            [Start(), Activity("corr", "Elsa.Correlate", ("correlationId", Js("'PRATICA-' + getInput('numero')", "String"))), End()],
            [("start", "Done", "corr"), ("corr", "Done", "end")]), new JsonObject { ["numero"] = 42 });

        Assert.Equal("PRATICA-42", instance.CorrelationId);
        Assert.Equal("PRATICA-42", await fixture.ScalarAsync<string>("SELECT correlation_id FROM workflow_instances WHERE id = @id", ("id", instance.Id)));
    }

    [Fact]
    public async Task WriteLine_puts_its_text_in_the_journal()
    {
        var instance = await fixture.RunAsync(Flowchart("write",
            [Start(), Activity("say", "Elsa.WriteLine", ("text", Liquid("Pratica {{ Input.numero }}"))), End()],
            [("start", "Done", "say"), ("say", "Done", "end")]), new JsonObject { ["numero"] = 7 });

        Assert.Equal("Pratica 7", await fixture.ScalarAsync<string>(
            "SELECT message FROM workflow_journal WHERE instance_id = @id AND activity_id = 'say' AND event_name = 'Completed'", ("id", instance.Id)));
    }

    [Fact]
    public async Task IssueFinalAct_and_NotifyCitizen_signal_the_case_layer_and_a_bad_outcome_faults()
    {
        var granted = await fixture.RunAsync(Flowchart("final",
            [Start(), Activity("notify", "CaseFlow.NotifyCitizen", ("template", Literal("step-advanced"))), Activity("act", "CaseFlow.IssueFinalAct", ("outcome", Literal("granted")), ("text", Literal("Si concede."))), End()],
            [("start", "Done", "notify"), ("notify", "Done", "act"), ("act", "Done", "end")]));
        var wrong = await fixture.RunAsync(Flowchart("final-bad",
            [Start(), Activity("act", "CaseFlow.IssueFinalAct", ("outcome", Literal("forse"))), End()],
            [("start", "Done", "act"), ("act", "Done", "end")]));

        Assert.Equal(WorkflowSubStatus.Finished, granted.SubStatus);
        Assert.Equal(WorkflowSubStatus.Faulted, wrong.SubStatus);
        Assert.Contains("'granted' or 'denied'", await fixture.ScalarAsync<string>("SELECT message FROM workflow_incidents WHERE instance_id = @id", ("id", wrong.Id)));
    }
}
