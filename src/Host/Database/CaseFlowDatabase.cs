using CaseFlow.ServiceDefaults.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CaseFlow.Host.Database;

/// <summary>
/// Owns the one <see cref="NpgsqlDataSource"/>. The connection string comes from
/// <c>ConnectionStrings:CaseFlow</c>; when it is empty a private cluster is started on first use.
/// </summary>
public sealed class CaseFlowDatabase(
    IConfiguration configuration,
    IOptions<DatabaseOptions> options,
    IHostEnvironment environment,
    ILogger<CaseFlowDatabase> logger)
    : IAsyncDisposable
{
    public const string ConnectionStringSetting = "ConnectionStrings:CaseFlow";
    private readonly Lock gate = new();
    private NpgsqlDataSource? dataSource;
    private LocalPostgresCluster? cluster;

    public NpgsqlDataSource DataSource
    {
        get
        {
            lock (gate)
            {
                return dataSource ??= Build();
            }
        }
    }

    public string ConnectionString => DataSource.ConnectionString;

    private NpgsqlDataSource Build()
    {
        var connectionString = configuration.GetConnectionString("CaseFlow");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            // Relative to the content root, so 'dotnet run' from anywhere finds the same cluster again.
            cluster = LocalPostgresCluster.Create(Path.Combine(environment.ContentRootPath, options.Value.LocalClusterPath), logger);
            cluster.Start();
            connectionString = cluster.ConnectionString("caseflow");
            EnsureDatabaseExists(cluster);
        }

        try
        {
            var builder = new NpgsqlDataSourceBuilder(connectionString);
            builder.ConnectionStringBuilder.ApplicationName ??= "caseflow";
            return builder.Build();
        }
        catch (ArgumentException ex)
        {
            throw new StartupException($"The setting {ConnectionStringSetting} is not a valid PostgreSQL connection string: {ex.Message}", ex);
        }
    }

    private static void EnsureDatabaseExists(LocalPostgresCluster localCluster)
    {
        using var connection = new NpgsqlConnection(localCluster.ConnectionString());
        connection.Open();
        using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = 'caseflow'", connection);
        if (exists.ExecuteScalar() is null)
        {
            using var create = new NpgsqlCommand("CREATE DATABASE caseflow", connection);
            create.ExecuteNonQuery();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (dataSource is not null)
        {
            await dataSource.DisposeAsync();
        }

        cluster?.Stop();
    }
}
