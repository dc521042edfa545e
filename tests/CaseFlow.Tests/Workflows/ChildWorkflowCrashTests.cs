using System.Text.Json.Nodes;
using CaseFlow.Tests.Infrastructure;
using CaseFlow.Workflows.Definitions;
using CaseFlow.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using static CaseFlow.Tests.Workflows.Def;

namespace CaseFlow.Tests.Workflows;

/// <summary>
/// kill -9 of a host while parents wait on child instances and children finish: a child's timer, the child's end and
/// the parent's resume are one transaction, so a kill leaves either all of it or none of it.
/// </summary>
public class ChildWorkflowCrashTests
{
    private const int Parents = 300;
    private const int ChildrenEach = 2;

    [Fact]
    public async Task A_host_killed_with_sigkill_while_children_finish_loses_no_parent_resume_and_runs_nothing_twice()
    {
        var connectionString = await TestCluster.CreateDatabaseAsync();
        await using (var seeder = new CaseFlowApp(connectionString, new Dictionary<string, string?> { ["Jobs:RunServer"] = "false" }))
        {
            var store = seeder.Services.GetRequiredService<DefinitionStore>();
            // The reusable opinion: waits on a durable timer, then completes on an outcome with an output.
            var opinion = Flowchart("crash-opinion",
                [Start(), Delay("wait", "00:00:01"), Activity("reply", "Elsa.SetOutput", ("outputName", Literal("Reply")), ("outputValue", Js("'ok ' + getMessage()"))),
                    Activity("done", "Elsa.Complete", ("outcomes", Expression("Object", "[\"Approvato\"]")))],
                [("start", "Done", "wait"), ("wait", "Done", "reply"), ("reply", "Done", "done")]);
            opinion["inputs"] = new JsonArray(new JsonObject { ["name"] = "Message", ["type"] = "String", ["displayName"] = "Message" });
            opinion["outputs"] = new JsonArray(new JsonObject { ["name"] = "Reply", ["type"] = "String", ["displayName"] = "Reply" });
            opinion["outcomes"] = new JsonArray("Approvato");
            opinion["options"] = new JsonObject { ["usableAsActivity"] = true };
            var child = await store.SaveAsync(opinion, publish: true, "test", CancellationToken.None);

            // The parent asks every item's opinion at once and goes on when all have answered.
            var placed = Activity("ask", "CrashOpinion", ("Message", Js("'' + getCurrentValue()", "String")));
            placed["workflowDefinitionId"] = child.DefinitionId;
            placed["workflowDefinitionVersionId"] = child.Id;
            var loop = Activity("each", "Elsa.ParallelForEach", ("items", Js($"[{string.Join(", ", Enumerable.Range(1, ChildrenEach))}]")));
            loop["body"] = placed;
            await store.SaveAsync(Flowchart("crash-parent", [Start(), loop, SetVariable("after", "joined", Literal(true, "Boolean")), End()],
                [("start", "Done", "each"), ("each", "Done", "after"), ("after", "Done", "end")], "joined"), publish: true, "test", CancellationToken.None);

            var runtime = seeder.Services.GetRequiredService<WorkflowRuntime>();
            foreach (var chunk in Enumerable.Range(0, Parents).Chunk(25))
            {
                await Task.WhenAll(chunk.Select(_ => runtime.StartAsync(new StartWorkflow("crash-parent"), CancellationToken.None)));
            }
        }

        Assert.Equal((long)Parents * ChildrenEach, await Sql.CountAsync(connectionString, "SELECT count(*) FROM workflow_timers"));
        var environment = new Dictionary<string, string?> { ["ConnectionStrings__CaseFlow"] = connectionString, ["Workflows__TimerSweepCron"] = "* * * * * *" };
        var killedWithWorkLeft = false;
        for (var kill = 0; kill < 3; kill++)
        {
            await using var host = HostProcess.Start(environment);
            await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
            var before = await ChildrenFinished(connectionString);
            // Kill as soon as children have started finishing, while parents still wait on others.
            await Eventually.True(async () => await ChildrenFinished(connectionString) > before, TimeSpan.FromSeconds(150), "the sweep makes progress");
            host.Kill();
            await host.WaitForExitAsync(TimeSpan.FromSeconds(10));
            killedWithWorkLeft |= await ParentsFinished(connectionString) < Parents;
        }

        await using (var survivor = HostProcess.Start(environment))
        {
            await survivor.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
            await Eventually.True(async () => await ParentsFinished(connectionString) == Parents, TimeSpan.FromSeconds(240), "every parent finished");
            survivor.Terminate();
            await survivor.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.True(killedWithWorkLeft, "a kill landed while parents were still waiting on children");
        Assert.Equal((long)Parents * ChildrenEach, await ChildrenFinished(connectionString));
        Assert.Equal(0L, await Sql.CountAsync(connectionString, "SELECT count(*) FROM workflow_timers"));
        Assert.Equal(0L, await Sql.CountAsync(connectionString, "SELECT count(*) FROM workflow_bookmarks"));
        // Every parent has exactly its children, each child's timer resumed once and each child's wait resumed in its parent once.
        Assert.Equal(0L, await Sql.CountAsync(connectionString, $"""
            SELECT count(*) FROM workflow_instances p WHERE p.definition_id = 'crash-parent'
            AND (SELECT count(*) FROM workflow_instances c WHERE c.parent_instance_id = p.id) <> {ChildrenEach}
            """));
        Assert.Equal((long)Parents * ChildrenEach, await Sql.CountAsync(connectionString, "SELECT count(*) FROM workflow_journal WHERE activity_id = 'wait' AND event_name = 'Resumed'"));
        Assert.Equal((long)Parents * ChildrenEach, await Sql.CountAsync(connectionString, "SELECT count(*) FROM workflow_journal WHERE activity_id = 'ask' AND event_name = 'Resumed'"));
        Assert.Equal(0L, await Sql.CountAsync(connectionString, """
            SELECT count(*) FROM (SELECT instance_id FROM workflow_journal WHERE activity_id = 'after' AND event_name = 'Completed'
                                  GROUP BY instance_id HAVING count(*) <> 1) AS twice
            """));
        Assert.Equal((long)Parents, await Sql.CountAsync(connectionString, "SELECT count(*) FROM workflow_journal WHERE activity_id = 'after' AND event_name = 'Completed'"));
        Assert.Equal((long)Parents, await Sql.CountAsync(connectionString, "SELECT count(*) FROM workflow_instances WHERE definition_id = 'crash-parent' AND (state->'variables'->>'joined')::boolean"));
    }

    private static async Task<long> ParentsFinished(string connectionString) =>
        await Sql.CountAsync(connectionString, "SELECT count(*) FROM workflow_instances WHERE definition_id = 'crash-parent' AND sub_status = 'Finished'");

    private static async Task<long> ChildrenFinished(string connectionString) =>
        await Sql.CountAsync(connectionString, "SELECT count(*) FROM workflow_instances WHERE definition_id = 'crash-opinion' AND sub_status = 'Finished'");
}
