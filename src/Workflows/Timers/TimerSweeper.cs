using CaseFlow.ServiceDefaults.Jobs;
using CaseFlow.Workflows.Runtime;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CaseFlow.Workflows.Timers;

/// <summary>
/// The recurring job that fires due timers and starts dispatched instances. It claims due timer rows in batches
/// (<c>FOR UPDATE SKIP LOCKED</c> plus a short lease), then resumes each in its own transaction, which deletes the
/// row: with any number of hosts each timer fires exactly once, and one due while every host was down fires on return.
/// </summary>
public sealed class TimerSweeper(NpgsqlDataSource dataSource, WorkflowRuntime runtime, TriggerSchedules schedules, HttpRequestSweeper requests, TimeProvider clock, ILogger<TimerSweeper> logger)
{
    private const int BatchSize = 100;
    // Short: it only spreads work between sweepers (each resume re-locks and deletes its row), and a killed
    // host's claims must not hold its timers back for long.
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxRun = TimeSpan.FromSeconds(50);
    private readonly DueRowClaimer<string> claimer = new(dataSource, clock, "workflow_timers", "bookmark_id", "due_at <= @now", Lease, BatchSize);

    /// <returns>How many timers fired (the instances Cron and Timer triggers started are not counted).</returns>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        try
        {
            await schedules.SweepAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A schedule that cannot start must not hold back the timers of running instances.
            logger.LogError(ex, "The Cron and Timer triggers could not be swept; the timers are fired all the same");
        }

        try
        {
            await requests.SweepAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "The outbound HTTP requests could not be swept; the timers are fired all the same");
        }

        // A timer whose instance another step holds is skipped, not lost: it stays due for the next sweep.
        var fired = await claimer.SweepAsync(
            async (bookmarkId, token) => await runtime.FireTimerAsync(bookmarkId, token) ? DueRowOutcome.Fired : DueRowOutcome.Skipped,
            MaxRun, logger, ct);
        if (fired > 0)
        {
            logger.LogInformation("Fired {Count} workflow timers", fired);
        }

        return fired;
    }
}
