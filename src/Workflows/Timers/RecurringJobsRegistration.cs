using CaseFlow.ServiceDefaults.Hosting;
using Hangfire;
using Microsoft.Extensions.Options;

namespace CaseFlow.Workflows.Timers;

/// <summary>Registers the runtime's recurring jobs; Hangfire keeps one definition per id whatever the number of hosts.</summary>
internal sealed class RecurringJobsRegistration(IRecurringJobManager recurringJobs, IOptions<WorkflowsOptions> options) : StartupTask
{
    public const string TimerSweepJobId = "workflow-timers";

    public override Task StartingAsync(CancellationToken cancellationToken)
    {
        recurringJobs.AddOrUpdate<TimerSweeper>(TimerSweepJobId, sweeper => sweeper.SweepAsync(CancellationToken.None), options.Value.TimerSweepCron);
        return Task.CompletedTask;
    }
}
