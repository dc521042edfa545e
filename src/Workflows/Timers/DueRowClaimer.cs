using Npgsql;

namespace CaseFlow.Workflows.Timers;

/// <summary>
/// Claims due rows of a table in batches with <c>FOR UPDATE SKIP LOCKED</c> and a short lease, so sweepers on any
/// number of hosts share the work. The lease only spreads work: whoever acts on a row must re-lock it in the
/// transaction that consumes it, which is what makes each action happen once.
/// </summary>
internal sealed class DueRowClaimer<TKey>(NpgsqlDataSource dataSource, TimeProvider clock, string table, string key, string dueCondition, TimeSpan lease, int batchSize)
    where TKey : notnull
{
    private readonly string owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public async Task<List<TKey>> ClaimAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE {table} SET claimed_by = @owner, claimed_until = @until
            WHERE {key} IN (
                SELECT {key} FROM {table}
                WHERE {dueCondition} AND (claimed_until IS NULL OR claimed_until < @now)
                ORDER BY due_at LIMIT @batch
                FOR UPDATE SKIP LOCKED)
            RETURNING {key}
            """);
        var now = clock.GetUtcNow();
        command.Parameters.AddWithValue("owner", owner);
        command.Parameters.AddWithValue("until", now + lease);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("batch", batchSize);
        var keys = new List<TKey>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            keys.Add(reader.GetFieldValue<TKey>(0));
        }

        return keys;
    }

    /// <summary>Gives back rows this sweeper claimed but could not act on, so the next sweep takes them at once.</summary>
    public async Task ReleaseAsync(IReadOnlyCollection<TKey> keys, CancellationToken ct)
    {
        if (keys.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand($"UPDATE {table} SET claimed_by = NULL, claimed_until = NULL WHERE {key} = ANY(@keys) AND claimed_by = @owner");
        command.Parameters.AddWithValue("keys", keys.ToArray());
        command.Parameters.AddWithValue("owner", owner);
        await command.ExecuteNonQueryAsync(ct);
    }
}
