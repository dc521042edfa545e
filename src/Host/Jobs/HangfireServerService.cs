using Hangfire;
using Hangfire.Common;
using Hangfire.Server;
using Microsoft.Extensions.Options;

namespace CaseFlow.Host.Jobs;

/// <summary>
/// The Hangfire server of this host, started only when <c>Jobs:RunServer</c> is true. The setting is read when the
/// host starts, not while services are registered, so every configuration source (tests included) is honoured.
/// </summary>
internal sealed class HangfireServerService(
    IOptions<JobsOptions> options,
    JobStorage storage,
    IServiceScopeFactory scopes,
    IJobFilterProvider filters,
    IEnumerable<IBackgroundProcess> processes) : IHostedService, IDisposable
{
    private BackgroundJobServer? server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.RunServer)
        {
            return Task.CompletedTask;
        }

        server = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            WorkerCount = options.Value.WorkerCount,
            SchedulePollingInterval = options.Value.SchedulePollingInterval,
            ServerName = $"caseflow-{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}",
            // This host's services, not the static JobActivator.Current of whichever host configured Hangfire last.
            Activator = new Hangfire.AspNetCore.AspNetCoreJobActivator(scopes),
            FilterProvider = filters,
        }, storage, processes);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (server is not null)
        {
            server.SendStop();
            await server.WaitForShutdownAsync(cancellationToken);
        }
    }

    public void Dispose() => server?.Dispose();
}
