using System.Diagnostics;

namespace CaseFlow.Bench.Http;

/// <summary>What one measured phase did: operations, wall time, and each operation's latency.</summary>
internal sealed record LoadResult(int Operations, TimeSpan Elapsed, double[] LatenciesMs)
{
    public double PerSecond => Operations / Elapsed.TotalSeconds;

    public double Percentile(double p)
    {
        if (LatenciesMs.Length == 0)
        {
            return double.NaN;
        }

        var sorted = LatenciesMs.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}

/// <summary>N clients, each running one operation after the other until the time is up or the work runs out.</summary>
internal static class Load
{
    /// <param name="operation">Returns false when there is no more work for this client.</param>
    public static async Task<LoadResult> RunAsync(int clients, TimeSpan duration, Func<int, Task<bool>> operation)
    {
        var latencies = new List<double>[clients];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var mine = latencies[client] = [];
            while (clock.Elapsed < duration)
            {
                var started = clock.Elapsed;
                if (!await operation(client))
                {
                    break;
                }

                mine.Add((clock.Elapsed - started).TotalMilliseconds);
            }
        })));
        var elapsed = clock.Elapsed;
        var all = latencies.SelectMany(l => l).ToArray();
        return new LoadResult(all.Length, elapsed, all);
    }
}
