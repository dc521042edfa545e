using CaseFlow.Host.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CaseFlow.Tests.Infrastructure;

/// <summary>
/// One private PostgreSQL cluster per test run (the host's own bootstrap, fsync off), with a migrated
/// template database that each test class clones: a fresh database costs a file copy, not a migration.
/// </summary>
public static class TestCluster
{
    public const string TemplateDatabase = "caseflow_template";
    private static readonly Lazy<Task<LocalPostgresCluster>> Cluster = new(StartAsync);

    public static async Task<string> CreateDatabaseAsync(bool migrated = true)
    {
        var cluster = await Cluster.Value;
        var name = $"t_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(cluster.ConnectionString()))
        {
            await connection.OpenAsync();
            var template = migrated ? TemplateDatabase : "template0";
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE {template}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return ShortLivedPools(cluster.ConnectionString(name));
    }

    /// <summary>
    /// A finished test class leaves its pooled connections idle, and Npgsql keeps idle ones for five minutes by
    /// default: across a parallel run that tail, not the tests' real need, reached max_connections on CI.
    /// </summary>
    private static string ShortLivedPools(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString)
    {
        ConnectionIdleLifetime = 10,
        ConnectionPruningInterval = 2,
    }.ConnectionString;

    /// <summary>The cluster's server connection string, for tests that manage databases themselves.</summary>
    public static async Task<string> AdminConnectionStringAsync() => (await Cluster.Value).ConnectionString();

    private static async Task<LocalPostgresCluster> StartAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), $"caseflow-tests-{Environment.ProcessId}");
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        var cluster = LocalPostgresCluster.Create(root, NullLogger.Instance, durable: false, maxConnections: 1000);
        cluster.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            NpgsqlConnection.ClearAllPools();
            cluster.Stop(immediate: true);
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // A folder left in /tmp is harmless; a failed test run must not fail on clean-up.
            }
        };

        await using (var connection = new NpgsqlConnection(cluster.ConnectionString()))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {TemplateDatabase}", connection);
            await command.ExecuteNonQueryAsync();
        }

        await using (var dataSource = NpgsqlDataSource.Create(cluster.ConnectionString(TemplateDatabase) + ";Pooling=false"))
        {
            await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).MigrateAsync(CancellationToken.None);
        }

        return cluster;
    }
}
