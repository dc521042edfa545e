using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CaseFlow.Bench.Runtime;

namespace CaseFlow.Bench.Http;

/// <summary>
/// The real path as an operator's client sees it: the host as its own process on a private cluster with fsync on,
/// <c>POST /api/cases</c> then <c>POST /api/tasks/{id}/complete</c> with N clients over Kestrel, then pgbench TPC-B and
/// a one-row counter on the same cluster in the same run. Commits are pg_stat_database's xact_commit of the database.
/// </summary>
internal static class HttpBench
{
    private const string Procedure = "cambio-residenza";
    private const string Office = "comune-anagrafe";
    private const string Outcome = "Registrata";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchArgs.Parse(args);
        var seconds = options.Or(full: 10, smoke: 1);
        var clients = 8;
        // Statistics reach pg_stat_database up to ~10 s late from an idle connection: wait that long before reading.
        var settle = TimeSpan.FromSeconds(options.Smoke ? 1.5 : 11);
        await using var database = await BenchDatabase.StartAsync(durable: true);
        var backend = await database.BackendPidAsync();
        var mailbox = Path.Combine(Path.GetTempPath(), $"caseflow-bench-mailbox-{Guid.NewGuid():N}");
        try
        {
            await using var host = await HostUnderTest.StartAsync(database.ConnectionString, mailbox);
            var rssAtStart = host.WorkingSetBytes();
            using var desk = await ClientAsync(host, clients, "frontdesk");
            using var officer = await ClientAsync(host, clients, "officer", Office);

            // Warm-up (JIT, pools, caches), not measured.
            var warmCases = await Load.RunAsync(2, TimeSpan.FromSeconds(options.Smoke ? 0.3 : 2), _ => IntakeAsync(desk));
            var warmTasks = new ConcurrentQueue<Guid>(await OpenTasksAsync(database));
            await Load.RunAsync(2, TimeSpan.FromSeconds(options.Smoke ? 0.3 : 2), _ => CompleteAsync(officer, warmTasks));

            await Task.Delay(settle);
            var idleWindow = TimeSpan.FromSeconds(options.Smoke ? 2 : 30);
            var hostPid = host.ProcessId;
            Cpu Sample() => new(CpuMeter.Process(hostPid), CpuMeter.Cluster(backend), CpuMeter.Self());
            var idle = await CountAsync(database, settle, Sample, async () => { await Task.Delay(idleWindow); return idleWindow; });
            var idlePerSecond = idle.Commits / idle.Elapsed.TotalSeconds;

            var intake = await CountAsync(database, settle, Sample, () => Load.RunAsync(clients, TimeSpan.FromSeconds(seconds), _ => IntakeAsync(desk)));
            var tasks = new ConcurrentQueue<Guid>(await OpenTasksAsync(database));
            var complete = await CountAsync(database, settle, Sample, () => Load.RunAsync(clients, TimeSpan.FromSeconds(seconds), _ => CompleteAsync(officer, tasks)));
            var rssAtEnd = host.WorkingSetBytes();
            await host.DisposeAsync();

            await PgBench.TpcbInitAsync(database.ConnectionString, scale: options.Smoke ? 1 : 10);
            var beforeTpcb = Sample();
            var tpcbClock = Stopwatch.StartNew();
            var tpcb = await PgBench.TpcbRunAsync(database.ConnectionString, clients, seconds, options.Smoke);
            var tpcbCpu = Sample() - beforeTpcb;
            var tpcbTransactions = tpcb * tpcbClock.Elapsed.TotalSeconds;
            var counter = await PgBench.OneRowCounterAsync(database.ConnectionString, clients, seconds, options.Smoke);

            Console.WriteLine($"clients: {clients}, {seconds} s per measure, cores: {Environment.ProcessorCount}, {database.Describe}, no SMTP (pickup folder), {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
            Console.WriteLine($"idle host                      : {idlePerSecond,8:0.0} commits/s, CPU {idle.Cpu.Host.TotalMilliseconds / idle.Elapsed.TotalSeconds:0} ms/s host, {idle.Cpu.Database.TotalMilliseconds / idle.Elapsed.TotalSeconds:0} ms/s PostgreSQL");
            Report("POST /api/cases", intake, idle);
            Report("POST /api/tasks/{id}/complete", complete, idle);
            Console.WriteLine($"pgbench TPC-B                  : {tpcb,8:0} tps");
            Console.WriteLine($"{"  CPU per transaction",-31}: PostgreSQL {tpcbCpu.Database.TotalMilliseconds / tpcbTransactions:0.000} ms, pgbench {(tpcbCpu.Bench.TotalMilliseconds / tpcbTransactions):0.000} ms");
            Console.WriteLine($"pgbench one-row counter        : {counter,8:0} tps");
            Console.WriteLine($"ratio intake / TPC-B           : {intake.Load.PerSecond / tpcb,8:0.000}");
            Console.WriteLine($"ratio complete / TPC-B         : {complete.Load.PerSecond / tpcb,8:0.000}");
            Console.WriteLine($"ratio intake / one-row counter : {intake.Load.PerSecond / counter,8:0.000}");
            Console.WriteLine($"host RSS                       : {rssAtStart / 1048576,8} MB at start, {rssAtEnd / 1048576} MB at end");
            return intake.Load.Operations > 0 && complete.Load.Operations > 0 && tpcb > 0 && counter > 0 ? 0 : 1;
        }
        finally
        {
            if (Directory.Exists(mailbox))
            {
                Directory.Delete(mailbox, recursive: true);
            }
        }
    }

    private sealed record Counted<T>(T Load, long Commits, TimeSpan Elapsed, Cpu Cpu);

    /// <summary>CPU spent by the host process, the whole PostgreSQL cluster and the bench (the clients, pgbench).</summary>
    private sealed record Cpu(TimeSpan Host, TimeSpan Database, TimeSpan Bench)
    {
        public static Cpu operator -(Cpu a, Cpu b) => new(a.Host - b.Host, a.Database - b.Database, a.Bench - b.Bench);

        public Cpu Scaled(double factor) => new(Host * factor, Database * factor, Bench * factor);
    }

    private static void Report(string name, Counted<LoadResult> phase, Counted<TimeSpan> idle)
    {
        var load = phase.Load;
        var operations = Math.Max(1, load.Operations);
        var share = phase.Elapsed.TotalSeconds / idle.Elapsed.TotalSeconds;
        var net = phase.Commits - idle.Commits * share;
        Console.WriteLine($"{name,-31}: {load.PerSecond,8:0.0} /s  ({load.Operations} in {load.Elapsed.TotalSeconds:0.0} s), p50 {load.Percentile(0.5):0} ms, p99 {load.Percentile(0.99):0} ms");
        Console.WriteLine($"{"  commits per operation",-31}: {(double)phase.Commits / operations,8:0.00}  ({(net / operations):0.00} net of the idle host; outbox dispatch included)");
        // Net of what the idle host, cluster and bench spend in the same time (Hangfire's polling, the settle pause).
        var cpu = phase.Cpu - idle.Cpu.Scaled(share);
        var perOperation = (cpu.Host + cpu.Database + cpu.Bench).TotalMilliseconds / operations;
        Console.WriteLine($"{"  CPU per operation (net)",-31}: host {cpu.Host.TotalMilliseconds / operations:0.00} ms, PostgreSQL {cpu.Database.TotalMilliseconds / operations:0.00} ms, clients {cpu.Bench.TotalMilliseconds / operations:0.00} ms: at most {Environment.ProcessorCount * 1000 / Math.Max(0.001, perOperation):0}/s on {Environment.ProcessorCount} cores");
    }

    // The counter is read once the statistics have caught up; the outbox has drained, so its dispatch is counted.
    private static async Task<Counted<T>> CountAsync<T>(BenchDatabase database, TimeSpan settle, Func<Cpu> sample, Func<Task<T>> phase)
    {
        var before = await database.CommitsAsync();
        var cpuBefore = sample();
        var clock = Stopwatch.StartNew();
        var result = await phase();
        await DrainOutboxAsync(database);
        await Task.Delay(settle);
        var cpu = sample() - cpuBefore;
        return new Counted<T>(result, await database.CommitsAsync() - before, clock.Elapsed, cpu);
    }

    private static async Task DrainOutboxAsync(BenchDatabase database)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            await using var command = database.DataSource.CreateCommand("SELECT count(*) FROM outbox_messages WHERE status IN ('pending', 'retrying', 'sending')");
            if ((long)(await command.ExecuteScalarAsync())! == 0)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the outbox did not drain in two minutes");
    }

    private static async Task<Guid[]> OpenTasksAsync(BenchDatabase database)
    {
        await using var command = database.DataSource.CreateCommand("SELECT id FROM case_tasks WHERE status = 'open' AND office = @office");
        command.Parameters.AddWithValue("office", Office);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return [.. ids];
    }

    internal static async Task<bool> IntakeAsync(HttpClient desk)
    {
        var application = new JsonObject
        {
            ["citizen"] = new JsonObject
            {
                ["fiscalCode"] = "RSSMRA80A01F205X", ["firstName"] = "Mario", ["lastName"] = "Rossi", ["email"] = "mario.rossi@example.it",
                ["phone"] = "+39 333 1234567", ["preferredLanguage"] = "it",
            },
            ["procedureId"] = Procedure, ["channel"] = "desk",
            // The procedure's declared form (workflow-definitions/cambio-residenza.json) is checked at intake.
            ["formData"] = new JsonObject
            {
                ["indirizzo"] = "Via Garibaldi 12", ["dataDecorrenza"] = "2020-05-04", ["provenienza"] = "stesso-comune", ["componentiTrasferiti"] = 1,
            },
        };
        using var response = await desk.PostAsJsonAsync("/api/cases", application);
        return response.StatusCode == HttpStatusCode.Created
            ? true
            : throw new InvalidOperationException($"intake answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<bool> CompleteAsync(HttpClient officer, ConcurrentQueue<Guid> tasks)
    {
        if (!tasks.TryDequeue(out var task))
        {
            return false;
        }

        using var response = await officer.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = Outcome });
        return response.StatusCode == HttpStatusCode.OK
            ? true
            : throw new InvalidOperationException($"completion answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    internal static async Task<HttpClient> ClientAsync(HostUnderTest host, int connections, string role, params string[] offices)
    {
        using var admin = Client(host, connections, HostUnderTest.AdminKey);
        using var response = await admin.PostAsJsonAsync("/api/admin/api-keys", new { name = $"bench {role}", roles = new[] { role }, offices });
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return response.StatusCode == HttpStatusCode.Created
            ? Client(host, connections, body!["key"]!.GetValue<string>())
            : throw new InvalidOperationException($"could not create the {role} key: {(int)response.StatusCode} {body}");
    }

    private static HttpClient Client(HostUnderTest host, int connections, string key)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections }) { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", key);
        return client;
    }
}
