using CaseFlow.Workflows.Runtime;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CaseFlow.Workflows.Timers;

/// <summary>
/// The recurring job that fires due timers and starts dispatched instances. It claims due timer rows in batches
/// (<c>FOR UPDATE SKIP LOCKED</c> plus a short lease), then resumes each in its own transaction, which deletes the
/// row: with any number of hosts each timer fires exactly once, and one due while every host was down fires on return.
/// </summary>
public sealed class TimerSweeper(NpgsqlDataSource dataSource, WorkflowRuntime runtime, TimeProvider clock, ILogger<TimerSweeper> logger)
{
    private const int BatchSize = 100;
    // Short: it only spreads work between sweepers (each resume re-locks and deletes its row), and a killed
    // host's claims must not hold its timers back for long.
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxRun = TimeSpan.FromSeconds(50);
    private readonly string owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <returns>How many timers fired.</returns>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var fired = 0;
        var started = clock.GetUtcNow();
        while (clock.GetUtcNow() - started < MaxRun && !ct.IsCancellationRequested)
        {
            var claimed = await ClaimAsync(ct);
            if (claimed.Count == 0)
            {
                break;
            }

            var skipped = new List<string>();
            foreach (var bookmarkId in claimed)
            {
                try
                {
                    if (await runtime.FireTimerAsync(bookmarkId, ct))
                    {
                        fired++;
                    }
                    else
                    {
                        skipped.Add(bookmarkId);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Timer {BookmarkId} could not fire; it stays due", bookmarkId);
                    skipped.Add(bookmarkId);
                }
            }

            await ReleaseAsync(skipped, ct);
            if (skipped.Count == claimed.Count)
            {
                break; // everything left is held by other steps: the next sweep retries
            }
        }

        if (fired > 0)
        {
            logger.LogInformation("Fired {Count} workflow timers", fired);
        }

        return fired;
    }

    private async Task<List<string>> ClaimAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE workflow_timers SET claimed_by = @owner, claimed_until = @until
            WHERE bookmark_id IN (
                SELECT bookmark_id FROM workflow_timers
                WHERE due_at <= @now AND (claimed_until IS NULL OR claimed_until < @now)
                ORDER BY due_at LIMIT @batch
                FOR UPDATE SKIP LOCKED)
            RETURNING bookmark_id
            """);
        var now = clock.GetUtcNow();
        command.Parameters.AddWithValue("owner", owner);
        command.Parameters.AddWithValue("until", now + Lease);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("batch", BatchSize);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private async Task ReleaseAsync(List<string> bookmarkIds, CancellationToken ct)
    {
        if (bookmarkIds.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand("UPDATE workflow_timers SET claimed_by = NULL, claimed_until = NULL WHERE bookmark_id = ANY(@ids) AND claimed_by = @owner");
        command.Parameters.AddWithValue("ids", bookmarkIds.ToArray());
        command.Parameters.AddWithValue("owner", owner);
        await command.ExecuteNonQueryAsync(ct);
    }
}
