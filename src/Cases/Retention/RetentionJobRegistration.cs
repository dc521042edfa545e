using CaseFlow.ServiceDefaults.Hosting;
using CaseFlow.ServiceDefaults.Retention;
using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CaseFlow.Cases.Retention;

/// <summary>Registers the <c>data-retention</c> recurring job (nightly, Rome time by default); one definition whatever the number of hosts.</summary>
internal sealed class RetentionJobRegistration(IRecurringJobManager recurringJobs, IOptions<RetentionOptions> options, ILogger<RetentionJobRegistration> logger)
    : StartupTask
{
    public override Task StartingAsync(CancellationToken cancellationToken)
    {
        try
        {
            recurringJobs.AddOrUpdate<RetentionSweep>(RetentionSweep.JobId, sweep => sweep.SweepAsync(CancellationToken.None), options.Value.Cron,
                new RecurringJobOptions { TimeZone = RomeTime.Zone });
        }
        catch (Exception ex) when (ex.GetType().Name.Contains("DistributedLock", StringComparison.Ordinal))
        {
            logger.LogWarning("Could not update recurring job {JobId} now ({Reason}); it keeps its previous schedule", RetentionSweep.JobId, ex.Message);
        }

        return Task.CompletedTask;
    }
}
