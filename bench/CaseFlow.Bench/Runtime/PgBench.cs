using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using CaseFlow.Host.Database;
using Npgsql;

namespace CaseFlow.Bench.Runtime;

/// <summary>PostgreSQL's own pgbench against the bench database: the baseline of the same machine and run.</summary>
internal static partial class PgBench
{
    /// <summary>TPC-B-like (pgbench's default script) after <c>pgbench -i -s scale</c>.</summary>
    /// <param name="smoke">A few transactions per client instead of a duration: on a starved machine a one-second run may finish none.</param>
    public static async Task<double> TpcbAsync(string connectionString, int clients, int seconds, int scale = 10, bool smoke = false)
    {
        await TpcbInitAsync(connectionString, scale);
        return await TpcbRunAsync(connectionString, clients, seconds, smoke);
    }

    /// <summary><c>pgbench -i</c> alone, so that a caller can measure the run without the load.</summary>
    public static Task TpcbInitAsync(string connectionString, int scale = 10) =>
        Run(connectionString, "-i", "-q", "-s", scale.ToString(CultureInfo.InvariantCulture));

    public static async Task<double> TpcbRunAsync(string connectionString, int clients, int seconds, bool smoke = false) =>
        Tps(await Run(connectionString, ["-c", Text(clients), "-j", "2", .. Length(seconds, smoke)]));

    private static string[] Length(int seconds, bool smoke) => smoke ? ["-t", "10"] : ["-T", Text(seconds)];

    /// <summary>
    /// Every client increments one row: the ceiling of anything that updates one row per transaction (a gap-free
    /// counter), about one commit per WAL flush, group commit permitting.
    /// </summary>
    public static async Task<double> OneRowCounterAsync(string connectionString, int clients, int seconds, bool smoke = false)
    {
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand(
                "CREATE TABLE IF NOT EXISTS bench_counter (id int PRIMARY KEY, value bigint NOT NULL); INSERT INTO bench_counter VALUES (1, 0) ON CONFLICT DO NOTHING",
                connection);
            await create.ExecuteNonQueryAsync();
        }

        var script = Path.Combine(Path.GetTempPath(), $"caseflow-bench-counter-{Environment.ProcessId}.sql");
        await File.WriteAllTextAsync(script, "UPDATE bench_counter SET value = value + 1 WHERE id = 1;\n");
        try
        {
            return Tps(await Run(connectionString, ["-n", "-f", script, "-c", Text(clients), "-j", "2", .. Length(seconds, smoke)]));
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static double Tps(string output)
    {
        var match = TpsLine().Match(output);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : throw new InvalidOperationException($"no tps in pgbench output: {output}");
    }

    private static string Find()
    {
        var binaries = PostgresBinaries.Find() ?? throw new InvalidOperationException(PostgresBinaries.MissingMessage);
        var pgbench = Path.Combine(Path.GetDirectoryName(binaries.InitDb)!, "pgbench");
        return File.Exists(pgbench)
            ? pgbench
            : Directory.GetFiles("/usr/lib/postgresql", "pgbench", SearchOption.AllDirectories).FirstOrDefault()
              ?? throw new InvalidOperationException("pgbench not found (apt-get install postgresql-contrib or postgresql).");
    }

    private static async Task<string> Run(string connectionString, params string[] args)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        var info = new ProcessStartInfo(Find()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-h", connection.Host!, "-p", Text(connection.Port), "-U", connection.Username! }.Concat(args).Append(connection.Database!))
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["PGPASSWORD"] = connection.Password;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout + await stderr;
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"pgbench failed: {output}");
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex TpsLine();
}
