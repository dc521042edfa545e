using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace CaseFlow.Host.Auth;

/// <summary>API keys for machine clients. Keys are random and long, so a plain SHA-256 is enough to store them safely.</summary>
public sealed class ApiKeyStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public sealed record ApiKey(Guid Id, string Name, string[] Roles, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, string[]? Offices = null);

    public static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))).ToLowerInvariant();

    public async Task<ApiKey?> FindActiveAsync(string key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, name, roles, created_at, revoked_at, offices FROM api_keys WHERE key_hash = @h AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > @now)");
        command.Parameters.AddWithValue("h", Hash(key));
        command.Parameters.AddWithValue("now", clock.GetUtcNow());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
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

    /// <summary>Registers a key given by configuration; a second call with the same key does nothing.</summary>
    public async Task EnsureAsync(string name, string secret, string[] roles, CancellationToken cancellationToken) =>
        await InsertAsync(new ApiKey(Guid.CreateVersion7(), name, roles, clock.GetUtcNow(), null), secret, cancellationToken);

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
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
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
