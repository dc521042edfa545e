using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CaseFlow.ServiceDefaults.Changes;

/// <summary>
/// This host's ear for changes to rarely written tables (definitions, API keys): their triggers <c>pg_notify</c> a
/// topic on <see cref="Channel"/> when the change commits, and every host moves that topic's generation on, so a cache
/// entry read before the change is never served after it. While the connection is down nothing can be known, so
/// <see cref="IsLive"/> is false and caches read through to the database.
/// </summary>
public sealed class ChangeFeed(NpgsqlDataSource dataSource, ILogger<ChangeFeed> logger) : BackgroundService
{
    public const string Channel = "caseflow_changes";

    // A silent network can leave a connection that looks open; a query now and then finds out.
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(2);
    private readonly ConcurrentDictionary<string, long> topics = new(StringComparer.Ordinal);
    private long epoch;
    private volatile bool live;

    public bool IsLive => live;

    /// <summary>Changes whenever the topic changes or the feed lost track (a reconnect): compare before and after a read.</summary>
    public (long Epoch, long Topic) GenerationOf(string topic) => (Interlocked.Read(ref epoch), topics.GetValueOrDefault(topic));

    /// <summary>
    /// This host's own write, just committed: its next read must see it without waiting for the notification, which
    /// still tells the other hosts.
    /// </summary>
    public void Touch(string topic) => topics.AddOrUpdate(topic, 1, (_, n) => n + 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => Touch(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // Whatever changed while nobody listened: everything read before now is suspect.
                Interlocked.Increment(ref epoch);
                live = true;
                while (!stoppingToken.IsCancellationRequested)
                {
                    if (!await connection.WaitAsync(KeepAlive, stoppingToken))
                    {
                        await using var ping = new NpgsqlCommand("SELECT 1", connection);
                        await ping.ExecuteScalarAsync(stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                logger.LogWarning(ex, "The change feed lost its connection; caches read through until it is back");
            }
            finally
            {
                live = false;
                Interlocked.Increment(ref epoch);
            }

            try
            {
                await Task.Delay(Reconnect, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
