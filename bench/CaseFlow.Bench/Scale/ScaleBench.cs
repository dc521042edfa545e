using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CaseFlow.Bench.Http;
using CaseFlow.Bench.Runtime;
using Npgsql;

namespace CaseFlow.Bench.Scale;

/// <summary>
/// Lists and sweeps at volume: N open procedures bulk-loaded (1,000,000 by default, each with its lapse deadline) and
/// up to 100,000 open tasks in one office; then, against the real host, the office queue's first and deep pages, a
/// case search by fiscal code, and how long a due reminder takes to fire with a million deadlines waiting — with the
/// plans of the statements behind them, and pgbench TPC-B on the same cluster as the baseline.
/// </summary>
internal static class ScaleBench
{
    private const string Office = "comune-anagrafe";
    private const string FiscalCode = "VRDLGU70M15L219L";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchArgs.Parse(args);
        var procedures = options.Or(full: 1_000_000, smoke: 2_000);
        var tasks = Math.Min(procedures, options.Smoke ? 500 : 100_000);
        var requests = options.Smoke ? 20 : 300;
        await using var database = await BenchDatabase.StartAsync(durable: true);
        var load = Stopwatch.StartNew();
        await LoadAsync(database, procedures, tasks);
        Console.WriteLine($"loaded {procedures:N0} open procedures (each with its lapse deadline) and {tasks:N0} open tasks at {Office} in {load.Elapsed.TotalSeconds:0} s");

        var mailbox = Path.Combine(Path.GetTempPath(), $"caseflow-bench-mailbox-{Guid.NewGuid():N}");
        try
        {
            await using var host = await HostUnderTest.StartAsync(database.ConnectionString, mailbox, new Dictionary<string, string>
            {
                ["Clock__SweepCron"] = "* * * * * *",
                ["Jobs__SchedulePollingInterval"] = "00:00:01",
            });
            using var officer = await ClientAsync(host, "officer", Office);
            using var desk = await ClientAsync(host, "frontdesk");

            var firstPage = await TimeAsync(requests, () => officer.GetAsync($"/api/offices/{Office}/tasks?limit=50"));
            var cursor = await CursorAfterPagesAsync(officer, options.Smoke ? 3 : 20);
            var deepPage = await TimeAsync(requests, () => officer.GetAsync($"/api/offices/{Office}/tasks?limit=50&after={Uri.EscapeDataString(cursor)}"));
            var search = await TimeAsync(requests, () => desk.PostAsJsonAsync("/api/cases/search", new { fiscalCode = FiscalCode, limit = 50 }));
            var firing = await ReminderDelayAsync(database);

            Console.WriteLine($"cores: {Environment.ProcessorCount}, {database.Describe}, {requests} sequential requests each, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
            Report("office queue, first page (50)", firstPage);
            Report($"office queue, page {(options.Smoke ? 4 : 21)} (cursor)", deepPage);
            Report("case search by fiscal code", search);
            Console.WriteLine($"{"due reminder fired after",-34}: {firing.TotalSeconds,8:0.0} s  (sweep every second, {procedures:N0} deadlines waiting)");
        }
        finally
        {
            if (Directory.Exists(mailbox))
            {
                Directory.Delete(mailbox, recursive: true);
            }
        }

        await PrintPlansAsync(database);
        var tpcb = await PgBench.TpcbAsync(database.ConnectionString, 8, options.Smoke ? 1 : 10, scale: options.Smoke ? 1 : 10, smoke: options.Smoke);
        Console.WriteLine($"{"pgbench TPC-B (8 clients)",-34}: {tpcb,8:0} tps");
        Console.WriteLine($"{"scale bench done",-34}: {procedures:N0} procedures, {tasks:N0} tasks");
        return 0;
    }

    // Generated in PostgreSQL, in a few statements: rows shaped as intake writes them, enough to size the indexes.
    private static async Task LoadAsync(BenchDatabase database, int procedures, int tasks)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        foreach (var sql in new[]
        {
            """
            INSERT INTO cases (id, tracking_code, protocol_number, fiscal_code, citizen, channel, received_at, status, created_at, created_by)
            SELECT md5('c' || g)::uuid, 'BENCH' || g, '2026/' || lpad(g::text, 7, '0'),
                   CASE WHEN g % 333333 = 7 THEN 'VRDLGU70M15L219L' ELSE 'BNC' || lpad(g::text, 13, '0') END,
                   '{"firstName": "Mario", "lastName": "Rossi"}', 'desk', now() - (g % 60) * interval '1 day', 'open', now() - (g % 60) * interval '1 day', 'bench'
            FROM generate_series(1, @n) g
            """,
            """
            INSERT INTO case_procedures (id, case_id, instance_id, procedure_id, version, name, agency, office, term, protocol_number, form_data, due_at, status)
            SELECT md5('p' || g)::uuid, md5('c' || g)::uuid, 'bench-' || g, 'cambio-residenza', 1, 'Cambio di residenza', 'comune-limbiate',
                   CASE WHEN g <= @tasks THEN 'comune-anagrafe' ELSE 'comune-servizi-sociali' END, 'P45D', '2026/' || lpad(g::text, 7, '0'), '{}',
                   now() + interval '30 days', 'open'
            FROM generate_series(1, @n) g
            """,
            """
            INSERT INTO case_tasks (id, case_id, procedure_id, instance_id, bookmark_id, office, title, outcomes, created_at, due_at, status)
            SELECT md5('t' || g)::uuid, md5('c' || g)::uuid, md5('p' || g)::uuid, 'bench-' || g, 'bench-bookmark-' || g, 'comune-anagrafe',
                   'Registrazione della dichiarazione', ARRAY['Registrata'], now(), now() + (g % 30) * interval '1 day' + (g % 977) * interval '1 second', 'open'
            FROM generate_series(1, @tasks) g
            """,
            """
            INSERT INTO deadlines (id, case_id, procedure_id, kind, action, office, target_due_at, due_at, offset_label)
            SELECT md5('d' || g)::uuid, md5('c' || g)::uuid, md5('p' || g)::uuid, 'procedure', 'lapse', 'comune-anagrafe',
                   now() + interval '30 days', now() + interval '30 days' + (g % 86400) * interval '1 second', 'P0D'
            FROM generate_series(1, @n) g
            """,
            "ANALYZE",
        })
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 1800 };
            command.Parameters.AddWithValue("n", procedures);
            command.Parameters.AddWithValue("tasks", tasks);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>A reminder due now for a loaded task: how long until the host's sweep has fired it.</summary>
    private static async Task<TimeSpan> ReminderDelayAsync(BenchDatabase database)
    {
        await using (var insert = database.DataSource.CreateCommand("""
            INSERT INTO deadlines (id, case_id, procedure_id, task_id, kind, action, office, target_due_at, due_at, offset_label)
            SELECT gen_random_uuid(), t.case_id, t.procedure_id, t.id, 'step', 'reminder', t.office, t.due_at, now(), 'P1D'
            FROM case_tasks t WHERE t.id = md5('t1')::uuid
            """))
        {
            await insert.ExecuteNonQueryAsync();
        }

        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            await using var check = database.DataSource.CreateCommand("SELECT count(*) FROM deadlines WHERE action = 'reminder' AND fired_at IS NOT NULL");
            if ((long)(await check.ExecuteScalarAsync())! > 0)
            {
                return clock.Elapsed;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the due reminder did not fire in three minutes");
    }

    // The statements behind the figures, as the desk and the sweep issue them (kept in step with OfficeQueue,
    // CaseSearch and DueRowClaimer by hand: a change there should be measured here).
    private static async Task PrintPlansAsync(BenchDatabase database)
    {
        var plans = new (string Name, string Sql)[]
        {
            ("office queue first page", """
                SELECT t.id FROM case_tasks t WHERE t.office = 'comune-anagrafe' AND t.status = 'open' ORDER BY t.due_at, t.id LIMIT 51
                """),
            ("case search by fiscal code", """
                SELECT k.id FROM cases k WHERE k.fiscal_code = 'VRDLGU70M15L219L' ORDER BY k.created_at DESC, k.id DESC LIMIT 51
                """),
            ("deadline sweep claim", """
                SELECT id FROM deadlines WHERE fired_at IS NULL AND due_at <= now() AND (claimed_until IS NULL OR claimed_until < now())
                ORDER BY due_at LIMIT 100 FOR UPDATE SKIP LOCKED
                """),
        };
        await using var connection = await database.DataSource.OpenConnectionAsync();
        foreach (var (name, sql) in plans)
        {
            Console.WriteLine($"plan: {name}");
            await using var command = new NpgsqlCommand($"EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) {sql}", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                Console.WriteLine($"  {reader.GetString(0)}");
            }
        }
    }

    private static async Task<string> CursorAfterPagesAsync(HttpClient officer, int pages)
    {
        string? cursor = null;
        for (var i = 0; i < pages; i++)
        {
            using var response = await officer.GetAsync($"/api/offices/{Office}/tasks?limit=50{(cursor is null ? "" : $"&after={Uri.EscapeDataString(cursor)}")}");
            response.EnsureSuccessStatusCode();
            cursor = response.Headers.GetValues("X-Next-Cursor").Single();
        }

        return cursor!;
    }

    private static async Task<List<double>> TimeAsync(int count, Func<Task<HttpResponseMessage>> send)
    {
        for (var i = 0; i < Math.Max(3, count / 10); i++)
        {
            using var warm = await send();
            warm.EnsureSuccessStatusCode();
        }

        var times = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await send();
            response.EnsureSuccessStatusCode();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times;
    }

    private static void Report(string name, List<double> sorted) =>
        Console.WriteLine($"{name,-34}: p50 {sorted[(int)(0.5 * (sorted.Count - 1))],6:0.0} ms, p99 {sorted[(int)(0.99 * (sorted.Count - 1))],6:0.0} ms");

    private static async Task<HttpClient> ClientAsync(HostUnderTest host, string role, params string[] offices)
    {
        using var admin = Client(host, HostUnderTest.AdminKey);
        using var response = await admin.PostAsJsonAsync("/api/admin/api-keys", new { name = $"scale {role}", roles = new[] { role }, offices });
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return Client(host, body!["key"]!.GetValue<string>());
    }

    private static HttpClient Client(HostUnderTest host, string key)
    {
        var client = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", key);
        return client;
    }
}
