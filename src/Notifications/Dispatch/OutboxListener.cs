using System.Threading.Channels;
using CaseFlow.ServiceDefaults.Changes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CaseFlow.Notifications.Dispatch;

/// <summary>
/// The dispatcher of this host: LISTENs on a dedicated connection and dispatches when a writer's commit signals it,
/// without a job per message. Signals that arrive while a pass runs fold into one more pass. A lost signal (the
/// connection broke, the host was down) only delays a message: the recurring sweep still runs, and a new connection
/// starts with a pass of its own.
/// </summary>
internal sealed class OutboxListener(
    NpgsqlDataSource dataSource,
    OutboxDispatcher dispatcher,
    IOptions<NotificationsOptions> options,
    ILogger<OutboxListener> logger) : BackgroundService
{
    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(2);
    private readonly Channel<bool> wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Dispatch)
        {
            return;
        }

        var dispatching = DispatchAsync(stoppingToken);
        await ListenAsync(stoppingToken);
        await dispatching;
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        // Every signal, and every (re)connection (whatever was committed while nobody listened), asks for a pass.
        await NotificationListener.RunAsync(dataSource, OutboxSignal.Channel, _ => wake.Writer.TryWrite(true), () => wake.Writer.TryWrite(true), () => { },
            logger, ct);
        wake.Writer.TryComplete();
    }

    private async Task DispatchAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var _ in wake.Reader.ReadAllAsync(ct))
            {
                try
                {
                    // Dead claims are the sweep's business; a signalled pass only sends what is due.
                    await dispatcher.DispatchAsync(ct, recoverExpiredLeases: false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    // A pass that failed (the database restarting, a pooled connection it broke) is tried again here
                    // rather than left to the sweep, whose scheduler may itself be backing off after the same outage.
                    logger.LogWarning(ex, "A signalled outbox pass failed; trying again in {Delay}", Reconnect);
                    await Delay(Reconnect, ct);
                    wake.Writer.TryWrite(true);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping: what is left is in the table.
        }
    }

    private static async Task Delay(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, ct);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
