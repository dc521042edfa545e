using CaseFlow.Host.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CaseFlow.Bench;

/// <summary>
/// A throw-away database with CaseFlow's schema: on a private cluster of its own (fsync as asked), or, when
/// <c>CASEFLOW_BENCH_SERVER</c> names a running server (the smoke run in the tests), a fresh database on it.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    public const string ServerVariable = "CASEFLOW_BENCH_SERVER";
    private readonly LocalPostgresCluster? cluster;
    private readonly string? root;

    private BenchDatabase(LocalPostgresCluster? cluster, string? root, string connectionString, bool durable)
    {
        this.cluster = cluster;
        this.root = root;
        ConnectionString = connectionString;
        Durable = durable;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>The bench database's connection string (pgbench gets its tables there too).</summary>
    public string ConnectionString { get; }

    /// <summary>True when fsync is on: figures a durable deployment would see.</summary>
    public bool Durable { get; }

    public string Describe => Durable ? "PostgreSQL fsync on" : "PostgreSQL fsync off";

    public static async Task<BenchDatabase> StartAsync(bool durable = false)
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable);
        LocalPostgresCluster? cluster = null;
        string? root = null;
        if (string.IsNullOrEmpty(server))
        {
            root = Path.Combine(Path.GetTempPath(), $"caseflow-bench-{Environment.ProcessId}-{Guid.NewGuid():N}");
            cluster = LocalPostgresCluster.Create(root, NullLogger.Instance, durable);
            cluster.Start();
            server = cluster.ConnectionString();
        }

        var name = $"bench_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
            await using var fsync = new NpgsqlCommand("SHOW fsync", connection);
            durable = (string?)await fsync.ExecuteScalarAsync() == "on";
        }

        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        var database = new BenchDatabase(cluster, root, connectionString, durable);
        await new MigrationRunner(database.DataSource, NullLogger<MigrationRunner>.Instance).MigrateAsync(CancellationToken.None);
        return database;
    }

    /// <summary>The process id of one backend of the cluster (its parent is the postmaster: see <see cref="CpuMeter"/>).</summary>
    public async Task<int> BackendPidAsync()
    {
        await using var command = DataSource.CreateCommand("SELECT pg_backend_pid()");
        return (int)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Transactions committed in the bench database so far (statistics lag by up to a second: call after a pause).</summary>
    public async Task<long> CommitsAsync()
    {
        // Statistics are flushed by each backend at most once a second; a fresh snapshot needs a new transaction.
        await using var command = DataSource.CreateCommand("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        if (cluster is null)
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres" }.ConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(ConnectionString).Database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            return;
        }

        cluster.Stop(immediate: true);
        try
        {
            Directory.Delete(root!, recursive: true);
        }
        catch (IOException)
        {
            // A folder left in /tmp is harmless.
        }
    }
}
