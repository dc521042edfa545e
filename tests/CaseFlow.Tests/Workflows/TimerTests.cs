using CaseFlow.Tests.Infrastructure;
using CaseFlow.Workflows.Runtime;
using CaseFlow.Workflows.Timers;
using Microsoft.Extensions.DependencyInjection;
using static CaseFlow.Tests.Workflows.Def;

namespace CaseFlow.Tests.Workflows;

public class TimerTests(RuntimeFixture fixture) : IClassFixture<RuntimeFixture>
{
    [Fact]
    public async Task A_durable_timer_fires_through_hangfire_within_fifteen_seconds_of_its_due_time()
    {
        var instance = await fixture.RunAsync(Flowchart("delay", [Start(), Delay("wait", "00:00:02"), End()], [("start", "Done", "wait"), ("wait", "Done", "end")]));
        var dueAt = Assert.Single(instance.Bookmarks).DueAt!.Value;

        await Eventually.True(async () => await fixture.ScalarAsync<string>("SELECT sub_status FROM workflow_instances WHERE id = @id", ("id", instance.Id)) == "Finished",
            TimeSpan.FromSeconds(30), "the timer fired");

        var resumedAt = await fixture.ScalarAsync<DateTime>(
            "SELECT timestamp FROM workflow_journal WHERE instance_id = @id AND activity_id = 'wait' AND event_name = 'Resumed'", ("id", instance.Id));
        var lateness = new DateTimeOffset(resumedAt, TimeSpan.Zero) - dueAt;
        Assert.InRange(lateness, TimeSpan.Zero, TimeSpan.FromSeconds(15));
        Assert.Equal(0L, await fixture.ScalarAsync<long>("SELECT count(*) FROM workflow_timers WHERE instance_id = @id", ("id", instance.Id)));
    }

    [Fact]
    public async Task A_timer_not_yet_due_does_not_fire()
    {
        var instance = await fixture.RunAsync(Flowchart("later", [Start(), Delay("wait", "01:00:00"), End()], [("start", "Done", "wait"), ("wait", "Done", "end")]));

        await fixture.Sweeper.SweepAsync(CancellationToken.None);

        Assert.Equal("Suspended", await fixture.ScalarAsync<string>("SELECT sub_status FROM workflow_instances WHERE id = @id", ("id", instance.Id)));
    }

    [Fact]
    public async Task A_request_for_documents_resumes_on_expiry_when_nothing_arrives()
    {
        var instance = await fixture.RunAsync(Flowchart("integration",
            [
                Start(),
                Activity("ask", "CaseFlow.RequestIntegration", ("documents", Literal("Certificato ISEE")), ("capDays", Literal(30, "Int32"))),
                SetVariable("received", "result", Literal("ricevuti")),
                SetVariable("expired", "result", Literal("scaduta")),
            ],
            [("start", "Done", "ask"), ("ask", "Received", "received"), ("ask", "Expired", "expired")],
            "result"));
        Assert.Equal(2, instance.Bookmarks.Count);

        var cap = Assert.Single(instance.Bookmarks, b => b.DueAt is not null);
        Assert.InRange(cap.DueAt!.Value - cap.CreatedAt, TimeSpan.FromDays(30) - TimeSpan.FromSeconds(1), TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1));

        // Thirty days pass.
        await fixture.ScalarAsync<int>("UPDATE workflow_timers SET due_at = now() - interval '1 second' WHERE instance_id = @id", ("id", instance.Id));
        await fixture.Sweeper.SweepAsync(CancellationToken.None);

        Assert.Equal("Finished", await fixture.ScalarAsync<string>("SELECT sub_status FROM workflow_instances WHERE id = @id", ("id", instance.Id)));
        Assert.Equal("scaduta", await fixture.ScalarAsync<string>("SELECT state->'variables'->>'result' FROM workflow_instances WHERE id = @id", ("id", instance.Id)));
        Assert.Equal(0L, await fixture.ScalarAsync<long>("SELECT count(*) FROM workflow_bookmarks WHERE instance_id = @id", ("id", instance.Id)));
    }
}

/// <summary>Hosts without a Hangfire server: the tests drive the sweep themselves.</summary>
public class QuietRuntimeFixture : RuntimeFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Jobs:RunServer"] = "false" };
}

public class TwoHostTimerTests(QuietRuntimeFixture fixture) : IClassFixture<QuietRuntimeFixture>
{
    [Fact]
    public async Task Two_hosts_sweeping_one_database_fire_each_of_a_thousand_timers_exactly_once()
    {
        var definition = await fixture.PublishAsync(Flowchart("many", [Start(), Delay("wait", "00:00:01"), SetVariable("done", "fired", Literal(true, "Boolean"))],
            [("start", "Done", "wait"), ("wait", "Done", "done")], "fired"));
        var starts = Enumerable.Range(0, 1000).Select(_ => fixture.Runtime.StartAsync(new StartWorkflow(definition.DefinitionId), CancellationToken.None));
        foreach (var chunk in starts.Chunk(50))
        {
            await Task.WhenAll(chunk);
        }

        await Task.Delay(1100);
        await using var second = new CaseFlowApp(fixture.ConnectionString, new Dictionary<string, string?> { ["Jobs:RunServer"] = "false" });
        var sweepers = new[] { fixture.Sweeper, second.Services.GetRequiredService<TimerSweeper>() };

        // Rounds, as the recurring job would run them, until nothing is due; every round runs four sweeps at once.
        var fired = new List<int>();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (await fixture.ScalarAsync<long>("SELECT count(*) FROM workflow_timers") > 0 && DateTime.UtcNow < deadline)
        {
            fired.AddRange(await Task.WhenAll(sweepers.Concat(sweepers).Select(s => Task.Run(() => s.SweepAsync(CancellationToken.None)))));
        }

        Assert.True(fired.Sum() == 1000, $"fired {string.Join(", ", fired)}; left: " + await fixture.ScalarAsync<string>(
            "SELECT string_agg(DISTINCT coalesce(claimed_by, 'unclaimed') || ' due ' || (due_at - now())::text, '; ') FROM workflow_timers"));
        Assert.Equal(0L, await fixture.ScalarAsync<long>("SELECT count(*) FROM workflow_timers"));
        Assert.Equal(1000L, await fixture.ScalarAsync<long>(
            "SELECT count(*) FROM workflow_instances WHERE definition_id = @d AND sub_status = 'Finished'", ("d", definition.DefinitionId)));
        Assert.Equal(0L, await fixture.ScalarAsync<long>("""
            SELECT count(*) FROM (SELECT instance_id FROM workflow_journal WHERE activity_id = 'wait' AND event_name = 'Resumed'
                                  GROUP BY instance_id HAVING count(*) <> 1) AS duplicates
            """));
        Assert.True(fired.Count(f => f > 0) >= 2, $"the work was shared: {string.Join(", ", fired)}");
    }
}
