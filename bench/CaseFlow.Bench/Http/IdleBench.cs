using System.Diagnostics;

namespace CaseFlow.Bench.Http;

/// <summary>
/// What an idle host costs the database: commits per second (pg_stat_database) of the real host doing nothing but its
/// background work (Hangfire polling, recurring sweeps, the outbox listener). Any Jobs__* or Notifications__* variable
/// the bench is started with reaches the host, so two settings can be compared.
/// </summary>
internal static class IdleBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchArgs.Parse(args);
        var seconds = options.Or(full: 60, smoke: 2);
        await using var database = await BenchDatabase.StartAsync();
        var mailbox = Path.Combine(Path.GetTempPath(), $"caseflow-bench-mailbox-{Guid.NewGuid():N}");
        await using var host = await HostUnderTest.StartAsync(database.ConnectionString, mailbox);

        // Start-up work (migrations, definitions, recurring-job registration) and the statistics' lag settle first.
        await Task.Delay(TimeSpan.FromSeconds(options.Smoke ? 1 : 15));
        var before = await database.CommitsAsync();
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var commits = await database.CommitsAsync() - before;
        var perSecond = commits / clock.Elapsed.TotalSeconds;

        Console.WriteLine($"idle host for {seconds} s, cores: {Environment.ProcessorCount}, {database.Describe}");
        Console.WriteLine($"commits                        : {commits,8}");
        Console.WriteLine($"idle host commits/s            : {perSecond,8:0.0}");
        return 0;
    }
}
