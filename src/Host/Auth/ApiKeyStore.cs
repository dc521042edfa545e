using System.Security.Cryptography;
using System.Text;
using CaseFlow.ServiceDefaults.Changes;
using Npgsql;

namespace CaseFlow.Host.Auth;

/// <summary>
/// API keys for machine clients. Keys are random and long, so a plain SHA-256 is enough to store them safely. Every
/// request presents one, so active keys are held in memory between changes: a write to the table (a revocation on
/// any host) signals the change feed (migration 0012) and the next request reads it again.
/// </summary>
public sealed class ApiKeyStore(NpgsqlDataSource dataSource, TimeProvider clock, IHostEnvironment environment, ChangeFeed feed)
{
    private const string ChangeTopic = "api_keys";
    private readonly ChangeAwareCache<string, ActiveKey> active = new(feed, ChangeTopic);

    private sealed record ActiveKey(ApiKey Key, DateTimeOffset? ExpiresAt);

    public sealed record ApiKey(Guid Id, string Name, string[] Roles, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, string[]? Offices = null);

    public static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))).ToLowerInvariant();

    /// <summary>What <see cref="ReplaceBootstrapAsync"/> did: keys revoked, and whether the configured key had been revoked before.</summary>
    public sealed record BootstrapOutcome(int Revoked, bool ConfiguredKeyWasRevoked);

    public async Task<ApiKey?> FindActiveAsync(string key, CancellationToken cancellationToken)
    {
        // Even if a Development run left it in this database, the public Development key opens nothing elsewhere.
        if (!environment.IsDevelopment() && DevelopmentKey.Is(key))
        {
            return null;
        }

        var hash = Hash(key);
        var found = await active.GetAsync(hash, ct => ReadActiveAsync(hash, ct), cancellationToken);
        // An expiry passes without any write to signal it.
        return found is not null && (found.ExpiresAt is null || found.ExpiresAt > clock.GetUtcNow()) ? found.Key : null;
    }

    private async Task<ActiveKey?> ReadActiveAsync(string hash, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, name, roles, created_at, revoked_at, offices, expires_at FROM api_keys WHERE key_hash = @h AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > @now)");
        command.Parameters.AddWithValue("h", hash);
        command.Parameters.AddWithValue("now", clock.GetUtcNow());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ActiveKey(Read(reader), reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6))
            : null;
    }

    /// <returns>The new key in clear; it is shown once and never stored.</returns>
    public async Task<(ApiKey Key, string Secret)> CreateAsync(string name, string[] roles, CancellationToken cancellationToken, TimeSpan? lifetime = null, string? owner = null,
        string[]? offices = null)
    {
        var secret = "cf_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var key = new ApiKey(Guid.CreateVersion7(), name, roles, clock.GetUtcNow(), null, offices ?? []);
        await InsertAsync(key, secret, cancellationToken, lifetime is null ? null : key.CreatedAt + lifetime, owner);
        return (key, secret);
    }

    /// <summary>
    /// Makes <paramref name="secret"/> the one active bootstrap key (none when null), in one transaction under a lock so
    /// that hosts starting together agree; a configured key that was revoked before stays revoked.
    /// </summary>
    public async Task<BootstrapOutcome> ReplaceBootstrapAsync(string name, string? secret, string[] roles, bool revokeDevelopmentKey, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('api-keys:bootstrap'))", connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var now = clock.GetUtcNow();
        var hash = secret is null ? "" : Hash(secret);
        if (secret is not null)
        {
            await using var find = new NpgsqlCommand("SELECT revoked_at IS NOT NULL FROM api_keys WHERE key_hash = @h", connection, transaction);
            find.Parameters.AddWithValue("h", hash);
            var existing = await find.ExecuteScalarAsync(cancellationToken);
            if (existing is true)
            {
                return new BootstrapOutcome(0, ConfiguredKeyWasRevoked: true);
            }

            await using var upsert = new NpgsqlCommand(existing is null
                ? "INSERT INTO api_keys (id, name, key_hash, roles, offices, created_at, bootstrap) VALUES (@id, @name, @h, @roles, '{}', @now, true)"
                : "UPDATE api_keys SET bootstrap = true WHERE key_hash = @h", connection, transaction);
            upsert.Parameters.AddWithValue("id", Guid.CreateVersion7());
            upsert.Parameters.AddWithValue("name", name);
            upsert.Parameters.AddWithValue("h", hash);
            upsert.Parameters.AddWithValue("roles", roles);
            upsert.Parameters.AddWithValue("now", now);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var revoke = new NpgsqlCommand("""
            UPDATE api_keys SET revoked_at = @now
            WHERE revoked_at IS NULL AND ((bootstrap AND key_hash <> @h) OR (@dev AND key_hash = @devHash))
            """, connection, transaction);
        revoke.Parameters.AddWithValue("now", now);
        revoke.Parameters.AddWithValue("h", hash);
        revoke.Parameters.AddWithValue("dev", revokeDevelopmentKey);
        revoke.Parameters.AddWithValue("devHash", Hash(DevelopmentKey.Value));
        var revoked = await revoke.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        feed.Touch(ChangeTopic);
        return new BootstrapOutcome(revoked, ConfiguredKeyWasRevoked: false);
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT id, name, roles, created_at, revoked_at, offices FROM api_keys ORDER BY created_at");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<ApiKey>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(Read(reader));
        }

        return keys;
    }

    public async Task<bool> RevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE api_keys SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("now", clock.GetUtcNow());
        var revoked = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        feed.Touch(ChangeTopic);
        return revoked;
    }

    private async Task InsertAsync(ApiKey key, string secret, CancellationToken cancellationToken, DateTimeOffset? expiresAt = null, string? owner = null)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO api_keys (id, name, key_hash, roles, offices, created_at, expires_at, owner) VALUES (@id, @name, @hash, @roles, @offices, @at, @expires, @owner)
            ON CONFLICT (key_hash) DO NOTHING
            """);
        command.Parameters.AddWithValue("expires", (object?)expiresAt ?? DBNull.Value);
        command.Parameters.AddWithValue("owner", (object?)owner ?? DBNull.Value);
        command.Parameters.AddWithValue("id", key.Id);
        command.Parameters.AddWithValue("name", key.Name);
        command.Parameters.AddWithValue("hash", Hash(secret));
        command.Parameters.AddWithValue("roles", key.Roles);
        command.Parameters.AddWithValue("offices", key.Offices ?? []);
        command.Parameters.AddWithValue("at", key.CreatedAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static ApiKey Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<string[]>(2),
        reader.GetFieldValue<DateTimeOffset>(3), reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
        reader.GetFieldValue<string[]>(5));
}
