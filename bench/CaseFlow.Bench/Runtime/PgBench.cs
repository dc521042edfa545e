using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using CaseFlow.Host.Database;

namespace CaseFlow.Bench.Runtime;

/// <summary>Runs PostgreSQL's own pgbench (TPC-B-like) against the bench cluster: the baseline of the same machine and run.</summary>
internal static partial class PgBench
{
    public static async Task<double> TpcbAsync(LocalPostgresCluster cluster, int clients, int seconds)
    {
        var binaries = PostgresBinaries.Find() ?? throw new InvalidOperationException(PostgresBinaries.MissingMessage);
        var pgbench = Path.Combine(Path.GetDirectoryName(binaries.InitDb)!, "pgbench");
        if (!File.Exists(pgbench))
        {
            pgbench = Directory.GetFiles("/usr/lib/postgresql", "pgbench", SearchOption.AllDirectories).FirstOrDefault()
                      ?? throw new InvalidOperationException("pgbench not found (apt-get install postgresql-contrib or postgresql).");
        }

        var connection = new Npgsql.NpgsqlConnectionStringBuilder(cluster.ConnectionString());
        await Run(pgbench, connection, "-i", "-q", "-s", "10", "postgres");
        var output = await Run(pgbench, connection, "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", "2",
            "-T", seconds.ToString(CultureInfo.InvariantCulture), "postgres");
        var match = Tps().Match(output);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : throw new InvalidOperationException($"no tps in pgbench output: {output}");
    }

    private static async Task<string> Run(string pgbench, Npgsql.NpgsqlConnectionStringBuilder connection, params string[] args)
    {
        var info = new ProcessStartInfo(pgbench) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-h", connection.Host!, "-p", connection.Port.ToString(CultureInfo.InvariantCulture), "-U", connection.Username! }.Concat(args))
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
    private static partial Regex Tps();
}
