using System.Diagnostics;
using System.Globalization;

namespace CaseFlow.Bench.Http;

/// <summary>
/// The host's memory over a long intake run: 8 clients posting <c>POST /api/cases</c> for N minutes against the real
/// host (own process, private cluster, fsync on), the host's RSS sampled every 10 s. After a warm-up minute the RSS
/// must stay within ±10% of its mean (the target); the bench prints the samples and the deviation.
/// </summary>
internal static class MemoryBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchArgs.Parse(args);
        var minutes = options.Or(full: 10, smoke: 0);
        var duration = options.Smoke ? TimeSpan.FromSeconds(4) : TimeSpan.FromMinutes(minutes);
        var warmUp = options.Smoke ? TimeSpan.FromSeconds(1) : TimeSpan.FromMinutes(1);
        var every = options.Smoke ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(10);
        const int clients = 8;
        await using var database = await BenchDatabase.StartAsync(durable: true);
        var mailbox = Path.Combine(Path.GetTempPath(), $"caseflow-bench-mailbox-{Guid.NewGuid():N}");
        try
        {
            await using var host = await HostUnderTest.StartAsync(database.ConnectionString, mailbox);
            using var desk = await HttpBench.ClientAsync(host, clients, "frontdesk");
            var samples = new List<(TimeSpan At, long Rss, int Done)>();
            var done = 0;
            using var stop = new CancellationTokenSource();
            var clock = Stopwatch.StartNew();
            var sampler = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    samples.Add((clock.Elapsed, host.WorkingSetBytes(), Volatile.Read(ref done)));
                    try
                    {
                        await Task.Delay(every, stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }
            });
            var load = await Load.RunAsync(clients, warmUp + duration, async _ =>
            {
                var ok = await HttpBench.IntakeAsync(desk);
                Interlocked.Increment(ref done);
                return ok;
            });
            await stop.CancelAsync();
            await sampler;
            samples.Add((clock.Elapsed, host.WorkingSetBytes(), done));

            Console.WriteLine($"clients: {clients}, {duration.TotalMinutes:0.#} min after {warmUp.TotalSeconds:0} s of warm-up, cores: {Environment.ProcessorCount}, {database.Describe}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
            foreach (var (at, rss, count) in samples)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {at.TotalSeconds,6:0} s  RSS {rss / 1048576.0,7:0.0} MB  intakes {count}"));
            }

            var measured = samples.Where(s => s.At >= warmUp).Select(s => (double)s.Rss).ToArray();
            var mean = measured.Average();
            var deviation = measured.Max(r => Math.Abs(r - mean)) / mean;
            Console.WriteLine($"intakes                        : {load.Operations} ({load.PerSecond:0.0}/s), p50 {load.Percentile(0.5):0} ms, p99 {load.Percentile(0.99):0} ms");
            Console.WriteLine($"RSS after warm-up              : mean {mean / 1048576:0.0} MB, min {measured.Min() / 1048576:0.0}, max {measured.Max() / 1048576:0.0}, max deviation {deviation:P1} (target ±10%)");
            return load.Operations > 0 ? 0 : 1;
        }
        finally
        {
            if (Directory.Exists(mailbox))
            {
                Directory.Delete(mailbox, recursive: true);
            }
        }
    }
}
