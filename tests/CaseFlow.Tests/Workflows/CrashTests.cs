using CaseFlow.Tests.Infrastructure;
using CaseFlow.Workflows.Definitions;
using CaseFlow.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static CaseFlow.Tests.Workflows.Def;

namespace CaseFlow.Tests.Workflows;

public class CrashTests
{
    private const int Instances = 1000;

    [Fact]
    public async Task A_host_killed_with_sigkill_mid_sweep_loses_nothing_and_runs_nothing_twice_after_restart()
    {
        var connectionString = await TestCluster.CreateDatabaseAsync();
        await using (var seeder = new CaseFlowApp(connectionString, new Dictionary<string, string?> { ["Jobs:RunServer"] = "false" }))
        {
            var definition = Flowchart("crash", [Start(), Delay("wait", "00:00:01"), SetVariable("after", "fired", Literal(true, "Boolean")), End()],
                [("start", "Done", "wait"), ("wait", "Done", "after"), ("after", "Done", "end")], "fired");
            await seeder.Services.GetRequiredService<DefinitionStore>().SaveAsync(definition, publish: true, "test", CancellationToken.None);
            var runtime = seeder.Services.GetRequiredService<WorkflowRuntime>();
            foreach (var chunk in Enumerable.Range(0, Instances).Chunk(50))
            {
                await Task.WhenAll(chunk.Select(_ => runtime.StartAsync(new StartWorkflow("crash"), CancellationToken.None)));
            }
        }

        var environment = new Dictionary<string, string?> { ["ConnectionStrings__CaseFlow"] = connectionString, ["Workflows__TimerSweepCron"] = "* * * * * *" };
        var killedWithWorkLeft = false;
        for (var kill = 0; kill < 3; kill++)
        {
            await using var host = HostProcess.Start(environment);
            await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
            var before = await Finished(connectionString);
            if (before == Instances)
            {
                // An earlier host finished everything before its kill landed: nothing is left to interrupt.
                break;
            }

            // Kill as soon as the sweep has made progress, while it is still working through the due timers.
            await Eventually.True(async () => await Finished(connectionString) > before, TimeSpan.FromSeconds(150), "the sweep makes progress (a killed host's locks expire within about a minute)");
            host.Kill();
            await host.WaitForExitAsync(TimeSpan.FromSeconds(10));
            killedWithWorkLeft |= await Finished(connectionString) < Instances;
        }

        await using (var survivor = HostProcess.Start(environment))
        {
            await survivor.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
            await Eventually.True(async () => await Finished(connectionString) == Instances, TimeSpan.FromSeconds(180), "every instance finished");
            survivor.Terminate();
            await survivor.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.True(killedWithWorkLeft, "a kill landed while timers were still due");
        Assert.Equal(Instances, await Finished(connectionString));
        Assert.Equal(0L, await Sql.CountAsync(connectionString, "SELECT count(*) FROM workflow_timers"));
        Assert.Equal(0L, await Sql.CountAsync(connectionString, """
            SELECT count(*) FROM (SELECT instance_id FROM workflow_journal WHERE activity_id = 'after' AND event_name = 'Completed'
                                  GROUP BY instance_id HAVING count(*) <> 1) AS twice
            """));
        Assert.Equal((long)Instances, await Sql.CountAsync(connectionString, "SELECT count(*) FROM workflow_journal WHERE activity_id = 'wait' AND event_name = 'Resumed'"));
    }

    private static async Task<long> Finished(string connectionString) =>
        await Sql.CountAsync(connectionString, "SELECT count(*) FROM workflow_instances WHERE sub_status = 'Finished'");
}
