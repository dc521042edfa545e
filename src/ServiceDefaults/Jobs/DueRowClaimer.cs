using CaseFlow.ServiceDefaults.Jobs;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CaseFlow.ServiceDefaults.Jobs;

/// <summary>What acting on one claimed row came to.</summary>
public enum DueRowOutcome
{
    /// <summary>The action happened (and consumed the row).</summary>
    Fired,

    /// <summary>The row was consumed without acting (it had gone stale).</summary>
    Closed,

    /// <summary>Someone else holds what the row acts on: give it back for the next sweep.</summary>
    Skipped,
}

/// <summary>
/// Claims due rows of a table in batches with <c>FOR UPDATE SKIP LOCKED</c> and a short lease, so sweepers on any
/// number of hosts share the work. The lease only spreads work: whoever acts on a row must re-lock it in the
/// transaction that consumes it, which is what makes each action happen once.
/// </summary>
public sealed class DueRowClaimer<TKey>(NpgsqlDataSource dataSource, TimeProvider clock, string table, string key, string dueCondition, TimeSpan lease, int batchSize)
    where TKey : notnull
{
    private readonly string owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>
    /// Claims and acts on due rows batch after batch until none is left, everything left is held elsewhere, or the run
    /// reaches its bounds (time, and rounds: a test's fake clock stands still). A row whose action throws stays due.
    /// </summary>
    /// <returns>How many rows fired.</returns>
    public async Task<int> SweepAsync(Func<TKey, CancellationToken, Task<DueRowOutcome>> act, TimeSpan maxRun, ILogger logger, CancellationToken ct)
    {
        var fired = 0;
        var started = clock.GetUtcNow();
        for (var round = 0; round < 100 && clock.GetUtcNow() - started < maxRun && !ct.IsCancellationRequested; round++)
        {
            var claimed = await ClaimAsync(ct);
            if (claimed.Count == 0)
            {
                break;
            }

            var skipped = new List<TKey>();
            foreach (var id in claimed)
            {
                try
                {
                    switch (await act(id, ct))
                    {
                        case DueRowOutcome.Fired:
                            fired++;
                            break;
                        case DueRowOutcome.Skipped:
                            skipped.Add(id);
                            break;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Due row {Key} of {Table} could not be handled; it stays due", id, table);
                    skipped.Add(id);
                }
            }

            await ReleaseAsync(skipped, ct);
            if (skipped.Count == claimed.Count)
            {
                break; // everything left is held by other steps: the next sweep retries
            }
        }

        return fired;
    }

    private async Task<List<TKey>> ClaimAsync(CancellationToken ct)
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
    private async Task ReleaseAsync(IReadOnlyCollection<TKey> keys, CancellationToken ct)
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
