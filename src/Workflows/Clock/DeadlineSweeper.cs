using CaseFlow.Workflows.Timers;
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
    private readonly DueRowClaimer<Guid> claimer = new(dataSource, clock, "deadlines", "id", "fired_at IS NULL AND due_at <= @now", Lease, BatchSize);

    /// <returns>How many deadlines fired (stale ones are closed without firing and not counted).</returns>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var fired = 0;
        var started = clock.GetUtcNow();
        // The fake clock of the tests stands still, so the run is bounded by rounds as well as by time.
        for (var round = 0; round < 100 && clock.GetUtcNow() - started < MaxRun && !ct.IsCancellationRequested; round++)
        {
            var claimed = await claimer.ClaimAsync(ct);
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

            await claimer.ReleaseAsync(skipped, ct);
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
}
