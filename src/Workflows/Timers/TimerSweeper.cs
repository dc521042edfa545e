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
    private readonly DueRowClaimer<string> claimer = new(dataSource, clock, "workflow_timers", "bookmark_id", "due_at <= @now", Lease, BatchSize);

    /// <returns>How many timers fired.</returns>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var fired = 0;
        var started = clock.GetUtcNow();
        while (clock.GetUtcNow() - started < MaxRun && !ct.IsCancellationRequested)
        {
            var claimed = await claimer.ClaimAsync(ct);
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

            await claimer.ReleaseAsync(skipped, ct);
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
}
