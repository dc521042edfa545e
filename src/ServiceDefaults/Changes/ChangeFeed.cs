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

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        NotificationListener.RunAsync(dataSource, Channel, Touch,
            // Whatever changed while nobody listened: everything read before now is suspect.
            listening: () =>
            {
                Interlocked.Increment(ref epoch);
                live = true;
            },
            lost: () =>
            {
                live = false;
                Interlocked.Increment(ref epoch);
            },
            logger, stoppingToken);
}
