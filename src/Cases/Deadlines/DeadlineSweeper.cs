using CaseFlow.ServiceDefaults.Jobs;
using CaseFlow.Workflows.Timers;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CaseFlow.Cases.Deadlines;

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
        // A deadline that did not fire went stale (its step closed or its date moved) and is closed, not retried.
        var fired = await claimer.SweepAsync(
            async (id, token) => await actions.FireAsync(id, token) ? DueRowOutcome.Fired : DueRowOutcome.Closed,
            MaxRun, logger, ct);
        if (fired > 0)
        {
            logger.LogInformation("Fired {Count} deadlines", fired);
        }

        return fired;
    }
}
