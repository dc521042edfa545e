using Microsoft.Extensions.Logging;
using Npgsql;

namespace CaseFlow.Workflows.Clock;

/// <summary>
/// The <c>clock-deadlines</c> recurring job: claims due deadline rows in batches (<c>FOR UPDATE SKIP LOCKED</c> plus a
/// short lease) and fires each in its own transaction, which sets <c>fired_at</c>; with any number of hosts each
/// action happens exactly once.
/// </summary>
public sealed class DeadlineSweeper(NpgsqlDataSource dataSource, DeadlineActions actions, TimeProvider clock, ILogger<DeadlineSweeper> logger)
{
    private const int BatchSize = 100;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxRun = TimeSpan.FromSeconds(25);
    private readonly string owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <returns>How many deadlines fired (stale ones are closed without firing and not counted).</returns>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var fired = 0;
        var started = clock.GetUtcNow();
        // The fake clock of the tests stands still, so the run is bounded by rounds as well as by time.
        for (var round = 0; round < 100 && clock.GetUtcNow() - started < MaxRun && !ct.IsCancellationRequested; round++)
        {
            var claimed = await ClaimAsync(ct);
            if (claimed.Count == 0)
            {
                break;
            }

            var skipped = new List<Guid>();
            foreach (var id in claimed)
            {
                try
                {
                    if (await actions.FireAsync(id, ct))
                    {
                        fired++;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Deadline {DeadlineId} could not fire; it stays due", id);
                    skipped.Add(id);
                }
            }

            await ReleaseAsync(skipped, ct);
            if (skipped.Count == claimed.Count)
            {
                break;
            }
        }

        if (fired > 0)
        {
            logger.LogInformation("Fired {Count} deadlines", fired);
        }

        return fired;
    }

    private async Task<List<Guid>> ClaimAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE deadlines SET claimed_by = @owner, claimed_until = @until
            WHERE id IN (
                SELECT id FROM deadlines
                WHERE fired_at IS NULL AND due_at <= @now AND (claimed_until IS NULL OR claimed_until < @now)
                ORDER BY due_at LIMIT @batch
                FOR UPDATE SKIP LOCKED)
            RETURNING id
            """);
        var now = clock.GetUtcNow();
        command.Parameters.AddWithValue("owner", owner);
        command.Parameters.AddWithValue("until", now + Lease);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("batch", BatchSize);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private async Task ReleaseAsync(List<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand("UPDATE deadlines SET claimed_by = NULL, claimed_until = NULL WHERE id = ANY(@ids) AND claimed_by = @owner");
        command.Parameters.AddWithValue("ids", ids.ToArray());
        command.Parameters.AddWithValue("owner", owner);
        await command.ExecuteNonQueryAsync(ct);
    }
}
