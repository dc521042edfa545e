using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using CaseFlow.Host.Database;
using CaseFlow.Workflows;
using CaseFlow.Workflows.Definitions;
using CaseFlow.Workflows.Runtime;
using Microsoft.Extensions.Configuration;
using CaseFlow.Cases;
using CaseFlow.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CaseFlow.Bench.Runtime;

/// <summary>
/// Instances started and run to their first human task per second (each one transaction: insert, run, bookmark,
/// journal), beside pgbench's TPC-B tps on the same private cluster in the same run.
/// </summary>
internal static class RuntimeBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchArgs.Parse(args);
        var seconds = options.Or(full: 10, smoke: 1);
        const int clients = 8;
        await using var database = await BenchDatabase.StartAsync();
        await using var services = BuildServices(database);
        var runtime = services.GetRequiredService<WorkflowRuntime>();
        await services.GetRequiredService<DefinitionStore>().SaveAsync(Definition(), publish: true, "bench", CancellationToken.None);

        await Run(runtime, clients, TimeSpan.FromSeconds(options.Smoke ? 0.2 : 2)); // warm-up: JIT, pools, definition cache
        var (instances, elapsed) = await Run(runtime, clients, TimeSpan.FromSeconds(seconds));
        var perSecond = instances / elapsed.TotalSeconds;
        var tps = await PgBench.TpcbAsync(database.ConnectionString, clients, seconds, scale: options.Smoke ? 1 : 10, smoke: options.Smoke);

        Console.WriteLine($"duration: {seconds} s per measure, clients: {clients}, cores: {Environment.ProcessorCount}, {database.Describe}");
        Console.WriteLine($"instances to first human task : {perSecond,8:0} /s  ({instances} instances)");
        Console.WriteLine($"pgbench TPC-B (same cluster)  : {tps,8:0} tps");
        Console.WriteLine($"ratio instances/s : TPC-B tps : {perSecond / tps:0.00}");
        return instances > 0 && tps > 0 ? 0 : 1;
    }

    private static async Task<(int Instances, TimeSpan Elapsed)> Run(WorkflowRuntime runtime, int clients, TimeSpan duration)
    {
        var stopwatch = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            var done = 0;
            while (stopwatch.Elapsed < duration)
            {
                var instance = await runtime.StartAsync(new StartWorkflow("bench-first-task", Input: new JsonObject { ["importo"] = 250 }), CancellationToken.None);
                if (instance.Bookmarks.Count != 1)
                {
                    throw new InvalidOperationException($"instance {instance.Id} did not stop at its human task");
                }

                done++;
            }

            return done;
        }));
        return (counts.Sum(), stopwatch.Elapsed);
    }

    private static ServiceProvider BuildServices(BenchDatabase database)
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(database.DataSource);
        services.AddSingleton<IHostEnvironment>(new BenchEnvironment());
        // The desk's activities write outbox rows: the runtime cannot be built without the outbox.
        services.AddCaseFlowNotifications(configuration);
        services.AddCaseFlowWorkflows(configuration);
        // CaseFlow.OfficeTask is the desk's activity.
        services.AddCaseFlowCases(configuration);
        return services.BuildServiceProvider();
    }

    // Start → SetVariable → FlowDecision (JavaScript) → OfficeTask: a typical procedure's first few steps.
    private static JsonObject Definition() => JsonNode.Parse("""
        {
          "definitionId": "bench-first-task", "name": "Bench", "version": 1,
          "variables": [{ "id": "soglia", "name": "soglia", "typeName": "Int32", "value": 100 }],
          "root": {
            "type": "Elsa.Flowchart", "id": "flowchart1", "nodeId": "Workflow1:flowchart1",
            "activities": [
              { "id": "start", "type": "Elsa.Start", "version": 1 },
              { "id": "set", "type": "Elsa.SetVariable", "version": 1,
                "variable": { "id": "soglia", "name": "soglia" },
                "value": { "typeName": "Int32", "expression": { "type": "Literal", "value": "200" } } },
              { "id": "check", "type": "Elsa.FlowDecision", "version": 1,
                "condition": { "typeName": "Boolean", "expression": { "type": "JavaScript", "value": "getInput('importo') > getVariable('soglia')" } } },
              { "id": "review", "type": "CaseFlow.OfficeTask", "version": 1,
                "office": { "typeName": "String", "expression": { "type": "Literal", "value": "comune-servizi-sociali" } },
                "title": { "typeName": "String", "expression": { "type": "Literal", "value": "Istruttoria" } },
                "outcomes": { "typeName": "String[]", "expression": { "type": "Literal", "value": "[\"Fatto\"]" } } }
            ],
            "connections": [
              { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "set", "port": "In" } },
              { "source": { "activity": "set", "port": "Done" }, "target": { "activity": "check", "port": "In" } },
              { "source": { "activity": "check", "port": "True" }, "target": { "activity": "review", "port": "In" } },
              { "source": { "activity": "check", "port": "False" }, "target": { "activity": "review", "port": "In" } }
            ]
          }
        }
        """)!.AsObject();
}
