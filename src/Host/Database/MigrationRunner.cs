using System.Reflection;
using Hangfire.PostgreSql;
using Npgsql;

namespace CaseFlow.Host.Database;

/// <summary>
/// Applies pending migrations, and Hangfire's own schema, under one PostgreSQL advisory lock,
/// so hosts starting together apply each change exactly once.
/// </summary>
public sealed class MigrationRunner(NpgsqlDataSource dataSource, ILogger<MigrationRunner> logger)
{
    // An arbitrary constant that identifies "CaseFlow schema changes" among advisory locks.
    private const long AdvisoryLockKey = 0x43617365466C6F77;
    public const string HangfireSchema = "hangfire";

    public static IReadOnlyList<Assembly> Assemblies { get; } =
    [
        typeof(MigrationRunner).Assembly,
        typeof(CaseFlow.Workflows.ServiceCollectionExtensions).Assembly,
        typeof(CaseFlow.Cases.ServiceCollectionExtensions).Assembly,
        typeof(CaseFlow.Notifications.ServiceCollectionExtensions).Assembly,
        typeof(CaseFlow.Web.WebExtensions).Assembly,
        typeof(CaseFlow.DevIdentity.DevIdentityExtensions).Assembly,
    ];

    /// <returns>The versions applied by this call (empty when the schema was already current).</returns>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken)
    {
        var migrations = Migration.LoadAll(Assemblies);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await Execute(connection, "SELECT pg_advisory_lock(@key)", cancellationToken, AdvisoryLockKey);
        try
        {
            await Execute(connection, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    integer PRIMARY KEY,
                    name       text NOT NULL,
                    checksum   text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, cancellationToken);

            var applied = new Dictionary<int, string>();
            await using (var command = new NpgsqlCommand("SELECT version, checksum FROM schema_migrations", connection))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied[reader.GetInt32(0)] = reader.GetString(1);
                }
            }

            var newlyApplied = new List<int>();
            foreach (var migration in migrations)
            {
                if (applied.TryGetValue(migration.Version, out var checksum))
                {
                    if (checksum != migration.Checksum)
                    {
                        throw new InvalidOperationException(
                            $"Migration {migration.Version:0000}_{migration.Name} was changed after it was applied; add a new migration instead.");
                    }

                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using (var command = new NpgsqlCommand(migration.Sql, connection, transaction))
                {
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }

                await using (var record = new NpgsqlCommand(
                    "INSERT INTO schema_migrations (version, name, checksum) VALUES (@v, @n, @c)", connection, transaction))
                {
                    record.Parameters.AddWithValue("v", migration.Version);
                    record.Parameters.AddWithValue("n", migration.Name);
                    record.Parameters.AddWithValue("c", migration.Checksum);
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                newlyApplied.Add(migration.Version);
                logger.LogInformation("Applied migration {Version} {Name}", migration.Version, migration.Name);
            }

            // Hangfire's installer is idempotent; running it under our lock keeps concurrent starts orderly.
            PostgreSqlObjectsInstaller.Install(connection, HangfireSchema);
            return newlyApplied;
        }
        finally
        {
            await Execute(connection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None, AdvisoryLockKey);
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, long? key = null)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (key is not null)
        {
            command.Parameters.AddWithValue("key", key.Value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
