using CaseFlow.ServiceDefaults.Hosting;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CaseFlow.Workflows.Timers;

/// <summary>Registers the runtime's recurring jobs; Hangfire keeps one definition per id whatever the number of hosts.</summary>
internal sealed class RecurringJobsRegistration(
    IRecurringJobManager recurringJobs,
    JobStorage storage,
    IOptions<WorkflowsOptions> options,
    ILogger<RecurringJobsRegistration> logger) : StartupTask
{
    public const string TimerSweepJobId = "workflow-timers";

    public override Task StartingAsync(CancellationToken cancellationToken)
    {
        var cron = options.Value.TimerSweepCron;
        using (var connection = storage.GetConnection())
        {
            // Already registered as wanted (the usual restart): touching it would only contend for its lock.
            if (connection.GetRecurringJobs([TimerSweepJobId]).Any(j => j.Cron == cron && !j.Removed))
            {
                return Task.CompletedTask;
            }
        }

        try
        {
            recurringJobs.AddOrUpdate<TimerSweeper>(TimerSweepJobId, sweeper => sweeper.SweepAsync(CancellationToken.None), cron);
        }
        catch (Exception ex) when (ex.GetType().Name.Contains("DistributedLock", StringComparison.Ordinal))
        {
            // A host killed while holding the job's lock: the lock expires by itself, and the job is registered
            // by the next start. Starting without it is better than not starting.
            logger.LogWarning("Could not update recurring job {JobId} now ({Reason}); it keeps its previous schedule", TimerSweepJobId, ex.Message);
        }

        return Task.CompletedTask;
    }
}
