using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CaseFlow.Bench.Http;
using CaseFlow.Bench.Runtime;
using CaseFlow.Cases.Indicators;
using Npgsql;

namespace CaseFlow.Bench.Indicators;

/// <summary>
/// <c>indicators [concluded]</c>: bulk-loads concluded procedures (1,000,000 by default) and a tenth as many open ones
/// with COPY, then times <c>GET /api/indicators</c> for a calendar year and for the last 365 days (months cut at both
/// ends) against the real host, beside the same times computed by a plain scan of the facts with percentile_cont
/// (which must agree), pgbench TPC-B on the same cluster, and EXPLAIN ANALYZE of each statement of the report.
/// </summary>
internal static class IndicatorsBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchArgs.Parse(args);
        var concluded = options.Or(full: 1_000_000, smoke: 2_000);
        var open = concluded / 10;
        var requests = options.Smoke ? 3 : 10;
        await using var database = await BenchDatabase.StartAsync(durable: false);
        var today = RomeTime.DateOf(DateTimeOffset.UtcNow);
        var loaded = await BulkLoad.RunAsync(database.ConnectionString, concluded, open, today);
        Console.WriteLine($"loaded {loaded.Concluded:N0} concluded + {loaded.Open:N0} open procedures: COPY {loaded.Copy.TotalSeconds:0.0} s, facts and rollups {loaded.Facts.TotalSeconds:0.0} s");

        var mailbox = Path.Combine(Path.GetTempPath(), $"caseflow-bench-mailbox-{Guid.NewGuid():N}");
        var year = new DateOnly(today.Year, 1, 1);
        var calendarYear = $"from={year:yyyy-MM-dd}&to={year.AddYears(1).AddDays(-1):yyyy-MM-dd}";
        var lastYear = $"from={today.AddDays(-364):yyyy-MM-dd}&to={today:yyyy-MM-dd}";
        (LoadResult Load, string Timing) whole, cut;
        JsonObject report;
        try
        {
            await using var host = await HostUnderTest.StartAsync(database.ConnectionString, mailbox);
            using var supervisor = await SupervisorAsync(host);
            report = await GetAsync(supervisor, calendarYear);
            await GetAsync(supervisor, lastYear);
            whole = await TimeAsync(supervisor, calendarYear, requests);
            cut = await TimeAsync(supervisor, lastYear, requests);
            await host.DisposeAsync();
        }
        finally
        {
            if (Directory.Exists(mailbox))
            {
                Directory.Delete(mailbox, recursive: true);
            }
        }

        var (naive, naiveTimes) = await NaiveAsync(database.DataSource, year, year.AddYears(1).AddDays(-1));
        var times = report["times"]!;
        var agrees = times["concluded"]!.GetValue<long>() == naiveTimes.Concluded && times["withinTerm"]!.GetValue<long>() == naiveTimes.Within
            && Math.Abs(times["medianNetDays"]!.GetValue<double>() - naiveTimes.MedianNet) < 0.01 && Math.Abs(times["p90NetDays"]!.GetValue<double>() - naiveTimes.P90Net) < 0.01
            && Math.Abs(times["medianGrossDays"]!.GetValue<double>() - naiveTimes.MedianGross) < 0.01;

        await ExplainAsync(database.DataSource, new IndicatorFilter(year, year.AddYears(1).AddDays(-1), null, null, null, null));
        Console.WriteLine("--- the last 365 days (edge days from the daily histograms):");
        await ExplainAsync(database.DataSource, new IndicatorFilter(today.AddDays(-364), today, null, null, null, null), only: "concluded");
        var tpcb = await PgBench.TpcbAsync(database.ConnectionString, 8, options.Smoke ? 1 : 10, scale: options.Smoke ? 1 : 10, smoke: options.Smoke);

        Console.WriteLine($"cores: {Environment.ProcessorCount}, {database.Describe}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"year {calendarYear}: {times["concluded"]} concluded, median net {times["medianNetDays"]} d, p90 {times["p90NetDays"]} d, within {times["withinTermRatio"]}");
        Report($"GET /api/indicators calendar year", whole.Load);
        Console.WriteLine($"{"  host's median Server-Timing",-36}: {whole.Timing}");
        Report($"GET /api/indicators last 365 days", cut.Load);
        Console.WriteLine($"{"  host's median Server-Timing",-36}: {cut.Timing}");
        Console.WriteLine($"{"plain scan of the facts (year)",-36}: {naive.TotalMilliseconds,8:0} ms  (percentile_cont over indicator_concluded)");
        Console.WriteLine($"{"api equals the plain scan",-36}: {(agrees ? "yes" : "NO")}  (concluded {naiveTimes.Concluded}, within {naiveTimes.Within}, median net {naiveTimes.MedianNet}, p90 {naiveTimes.P90Net}, median gross {naiveTimes.MedianGross})");
        Console.WriteLine($"{"pgbench TPC-B",-36}: {tpcb,8:0} tps");
        Console.WriteLine($"{"ratio api requests/s : TPC-B tps",-36}: {1000 / whole.Load.Percentile(0.5) / tpcb,8:0.0000}");
        Console.WriteLine($"{"ratio naive scan / api",-36}: {naive.TotalMilliseconds / whole.Load.Percentile(0.5),8:0.0}");
        return agrees && tpcb > 0 ? 0 : 1;
    }

    private static void Report(string name, LoadResult load) =>
        Console.WriteLine($"{name,-36}: p50 {load.Percentile(0.5),6:0} ms, max {load.LatenciesMs.Max(),6:0} ms over {load.Operations} requests");

    /// <summary>The requests' latencies and the host's own account (<c>Server-Timing</c>) of the median one.</summary>
    private static async Task<(LoadResult, string)> TimeAsync(HttpClient client, string query, int requests)
    {
        var latencies = new double[requests];
        var timings = new string[requests];
        var total = Stopwatch.StartNew();
        for (var i = 0; i < requests; i++)
        {
            var one = Stopwatch.StartNew();
            (_, timings[i]) = await GetTimedAsync(client, query);
            latencies[i] = one.Elapsed.TotalMilliseconds;
        }

        var median = Enumerable.Range(0, requests).OrderBy(i => latencies[i]).ElementAt(requests / 2);
        return (new LoadResult(requests, total.Elapsed, latencies), $"{timings[median]} (request {latencies[median]:0} ms)");
    }

    private static async Task<JsonObject> GetAsync(HttpClient client, string query) => (await GetTimedAsync(client, query)).Report;

    private static async Task<(JsonObject Report, string Timing)> GetTimedAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync($"/api/indicators?{query}");
        var body = await response.Content.ReadAsStringAsync();
        var timing = response.Headers.TryGetValues("Server-Timing", out var values) ? string.Join(", ", values) : "none";
        return response.StatusCode == HttpStatusCode.OK
            ? (JsonNode.Parse(body)!.AsObject(), $"{timing}, body {body.Length / 1024} KiB")
            : throw new InvalidOperationException($"indicators answered {(int)response.StatusCode}: {body}");
    }

    private sealed record NaiveTimes(long Concluded, long Within, double MedianNet, double P90Net, double MedianGross);

    /// <summary>The same times without the rollups: every fact of the year read and sorted.</summary>
    private static async Task<(TimeSpan, NaiveTimes)> NaiveAsync(NpgsqlDataSource db, DateOnly from, DateOnly to)
    {
        await using var command = db.CreateCommand("""
            SELECT count(*), count(*) FILTER (WHERE delay_days <= 0), round(percentile_cont(0.5) WITHIN GROUP (ORDER BY net_days)::numeric, 2),
                   round(percentile_cont(0.9) WITHIN GROUP (ORDER BY net_days)::numeric, 2), round(percentile_cont(0.5) WITHIN GROUP (ORDER BY gross_days)::numeric, 2)
            FROM indicator_concluded WHERE concluded_on BETWEEN @from AND @to AND kind IN ('act', 'flow')
            """);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        command.CommandTimeout = 600;
        var clock = Stopwatch.StartNew();
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var times = new NaiveTimes(reader.GetInt64(0), reader.GetInt64(1), (double)reader.GetDecimal(2), (double)reader.GetDecimal(3), (double)reader.GetDecimal(4));
        return (clock.Elapsed, times);
    }

    private static async Task ExplainAsync(NpgsqlDataSource db, IndicatorFilter filter, string? only = null)
    {
        var now = DateTimeOffset.UtcNow;
        await using var connection = await db.OpenConnectionAsync();
        foreach (var (name, statement) in IndicatorReads.All(filter, now, now.AddDays(3)).Where(s => only is null || s.Name == only))
        {
            await using var command = Db.Command(connection, null, "EXPLAIN (ANALYZE, BUFFERS) " + statement.Sql, statement.Parameters);
            await using var reader = await command.ExecuteReaderAsync();
            Console.WriteLine($"--- plan: {name}");
            while (await reader.ReadAsync())
            {
                Console.WriteLine(reader.GetString(0));
            }
        }
    }

    private static async Task<HttpClient> SupervisorAsync(HostUnderTest host)
    {
        using var admin = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(120) };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", HostUnderTest.AdminKey);
        using var response = await admin.PostAsJsonAsync("/api/admin/api-keys", new { name = "bench supervisor", roles = new[] { "supervisor" }, offices = Array.Empty<string>() });
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"could not create the supervisor key: {(int)response.StatusCode} {body}");
        }

        var client = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(120) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", body!["key"]!.GetValue<string>());
        return client;
    }
}
