using Microsoft.Extensions.Hosting;

namespace CaseFlow.ServiceDefaults.Hosting;

/// <summary>
/// Work that must finish before the host serves requests and after the schema is migrated
/// (the migrator is the first hosted service, and every <c>StartingAsync</c> runs in registration order).
/// </summary>
public abstract class StartupTask : IHostedLifecycleService
{
    public abstract Task StartingAsync(CancellationToken cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
