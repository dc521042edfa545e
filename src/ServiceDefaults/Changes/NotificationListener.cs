using Microsoft.Extensions.Logging;
using Npgsql;

namespace CaseFlow.ServiceDefaults.Changes;

/// <summary>
/// One dedicated connection that LISTENs on a channel for as long as the host runs, reconnecting after a failure.
/// Notifications arrive only for commits, so a listener must assume it missed some whenever it was not connected:
/// <c>listening</c> runs on every (re)connection, <c>lost</c> whenever the connection goes.
/// </summary>
public static class NotificationListener
{
    // A silent network can leave a connection that looks open; a query now and then finds out.
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(2);

    public static async Task RunAsync(NpgsqlDataSource dataSource, string channel, Action<string> notified, Action listening, Action lost, ILogger logger,
        CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(ct);
                connection.Notification += (_, e) => notified(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(ct);
                }

                listening();
                while (!ct.IsCancellationRequested)
                {
                    if (!await connection.WaitAsync(KeepAlive, ct))
                    {
                        await using var ping = new NpgsqlCommand("SELECT 1", connection);
                        await ping.ExecuteScalarAsync(ct);
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                logger.LogWarning(ex, "The listener on {Channel} lost its connection; reconnecting in {Delay}", channel, Reconnect);
            }
            finally
            {
                lost();
            }

            try
            {
                await Task.Delay(Reconnect, ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
