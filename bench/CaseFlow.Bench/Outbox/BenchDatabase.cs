using CaseFlow.Host.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CaseFlow.Bench.Outbox;

/// <summary>A private, throw-away PostgreSQL cluster (fsync off, like the tests) with CaseFlow's schema.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly LocalPostgresCluster cluster;
    private readonly string root;

    private BenchDatabase(LocalPostgresCluster cluster, string root, NpgsqlDataSource dataSource)
    {
        this.cluster = cluster;
        this.root = root;
        DataSource = dataSource;
    }

    public NpgsqlDataSource DataSource { get; }

    public static async Task<BenchDatabase> StartAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), $"caseflow-bench-{Environment.ProcessId}");
        var cluster = LocalPostgresCluster.Create(root, NullLogger.Instance, durable: false);
        cluster.Start();
        await using (var connection = new NpgsqlConnection(cluster.ConnectionString()))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE bench", connection);
            await create.ExecuteNonQueryAsync();
        }

        var dataSource = NpgsqlDataSource.Create(cluster.ConnectionString("bench"));
        await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).MigrateAsync(CancellationToken.None);
        return new BenchDatabase(cluster, root, dataSource);
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        cluster.Stop(immediate: true);
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A folder left in /tmp is harmless.
        }
    }
}
