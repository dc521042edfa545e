using CaseFlow.ServiceDefaults.Hosting;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CaseFlow.Cases.Deadlines;

/// <summary>Registers the <c>clock-deadlines</c> recurring job; Hangfire keeps one definition whatever the number of hosts.</summary>
internal sealed class DeadlineJobRegistration(
    IRecurringJobManager recurringJobs,
    JobStorage storage,
    IOptions<ClockOptions> options,
    ILogger<DeadlineJobRegistration> logger) : StartupTask
{
    public const string JobId = "clock-deadlines";

    public override Task StartingAsync(CancellationToken cancellationToken)
    {
        var cron = options.Value.SweepCron;
        using (var connection = storage.GetConnection())
        {
            if (connection.GetRecurringJobs([JobId]).Any(j => j.Cron == cron && !j.Removed))
            {
                return Task.CompletedTask;
            }
        }

        try
        {
            recurringJobs.AddOrUpdate<DeadlineSweeper>(JobId, sweeper => sweeper.SweepAsync(CancellationToken.None), cron);
        }
        catch (Exception ex) when (ex.GetType().Name.Contains("DistributedLock", StringComparison.Ordinal))
        {
            logger.LogWarning("Could not update recurring job {JobId} now ({Reason}); it keeps its previous schedule", JobId, ex.Message);
        }

        return Task.CompletedTask;
    }
}
