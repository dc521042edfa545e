using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace CaseFlow.Cases.Intake;

/// <summary>
/// The Idempotency-Key pattern: the first response is stored under (actor, key) with a hash of the request; a retry
/// with the same body gets that response again, the same key with another body is a 422. A session advisory lock
/// on the key makes a concurrent duplicate wait for the first instead of creating a second case.
/// </summary>
public sealed class Idempotency(NpgsqlDataSource dataSource)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public sealed record Stored(string RequestHash, int StatusCode, JsonObject Response);

    public static string HashOf(object request) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request, request.GetType(), Web))));

    /// <summary>The first result, as it was returned.</summary>
    public static T Read<T>(JsonObject response) => response.Deserialize<T>(Web)!;

    /// <summary>Holds the key's lock until disposed; null key: no lock and nothing stored.</summary>
    public async Task<Lease> AcquireAsync(string actor, string key, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        await Db.ExecAsync(connection, null, "SELECT pg_advisory_lock(hashtext('idempotency:' || @a || ':' || @k))", ct, ("a", actor), ("k", key));
        return new Lease(connection, actor, key);
    }

    public sealed class Lease(NpgsqlConnection connection, string actor, string key) : IAsyncDisposable
    {
        public async Task<Stored?> FindAsync(CancellationToken ct)
        {
            await using var command = Db.Command(connection, null,
                "SELECT request_hash, status_code, response::text FROM idempotency_keys WHERE actor = @a AND key = @k", ("a", actor), ("k", key));
            await using var reader = await command.ExecuteReaderAsync(ct);
            return await reader.ReadAsync(ct)
                ? new Stored(reader.GetString(0), reader.GetInt32(1), JsonNode.Parse(reader.GetString(2))!.AsObject())
                : null;
        }

        public Task SaveAsync(string requestHash, int statusCode, object response, DateTimeOffset at, CancellationToken ct) =>
            Db.ExecAsync(connection, null, """
                INSERT INTO idempotency_keys (actor, key, request_hash, status_code, response, created_at) VALUES (@a, @k, @h, @s, @r, @at)
                ON CONFLICT DO NOTHING
                """, ct, ("a", actor), ("k", key), ("h", requestHash), ("s", statusCode), ("r", JsonSerializer.SerializeToNode(response, response.GetType(), Web)), ("at", at));

        public async ValueTask DisposeAsync()
        {
            try
            {
                await Db.ExecAsync(connection, null, "SELECT pg_advisory_unlock(hashtext('idempotency:' || @a || ':' || @k))", CancellationToken.None, ("a", actor), ("k", key));
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
