using System.Collections.Concurrent;

namespace CaseFlow.ServiceDefaults.Changes;

/// <summary>
/// Values read from tables whose writes signal <paramref name="topic"/> on the <see cref="ChangeFeed"/>. A value is
/// kept only if the topic did not move while it was read, and served only while the topic stays where it was; with
/// the feed down every read goes to the database. Misses (null) are never kept, so unknown keys cannot fill it.
/// </summary>
public sealed class ChangeAwareCache<TKey, TValue>(ChangeFeed feed, string topic, int capacity = 10_000)
    where TKey : notnull
    where TValue : class
{
    private readonly ConcurrentDictionary<TKey, (TValue Value, (long, long) Generation)> entries = new();

    public async ValueTask<TValue?> GetAsync(TKey key, Func<CancellationToken, Task<TValue?>> load, CancellationToken ct)
    {
        if (!feed.IsLive)
        {
            return await load(ct);
        }

        var generation = feed.GenerationOf(topic);
        if (entries.TryGetValue(key, out var entry) && entry.Generation == generation)
        {
            return entry.Value;
        }

        var value = await load(ct);
        if (value is not null && feed.IsLive && feed.GenerationOf(topic) == generation)
        {
            if (entries.Count >= capacity)
            {
                entries.Clear();
            }

            entries[key] = (value, generation);
        }

        return value;
    }
}
