using CaseFlow.ServiceDefaults.Hosting;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CaseFlow.Notifications.Dispatch;

/// <summary>Registers the recurring sweep (retries that are due, dead claims) once the Hangfire schema exists.</summary>
internal sealed class OutboxSweepRegistration(IServiceProvider services, IOptions<NotificationsOptions> options) : StartupTask
{
    public override Task StartingAsync(CancellationToken cancellationToken)
    {
        var recurring = services.GetService<IRecurringJobManager>();
        recurring?.AddOrUpdate<OutboxDispatchJob>(
            OutboxDispatchJob.SweepJobId,
            job => job.RunAsync(CancellationToken.None),
            options.Value.SweepCron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        return Task.CompletedTask;
    }
}
