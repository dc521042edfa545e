using CaseFlow.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CaseFlow.Tests.Notifications;

public class SweepScheduleTests
{
    [Fact]
    public async Task The_recurring_sweep_accepts_a_seconds_cron_and_fires_at_that_rate()
    {
        await using var app = new CaseFlowApp(await TestCluster.CreateDatabaseAsync(), new Dictionary<string, string?>
        {
            ["Notifications:SweepCron"] = "*/2 * * * * *",
            ["Clock:SweepCron"] = "0 0 1 1 *", // keeps the deadline sweep out of the job table
            ["Jobs:SchedulePollingInterval"] = "00:00:01", // the scheduler must look more often than the cron fires
        });
        var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();

        // Nothing else enqueues jobs in this host: every job is a run of the sweep.
        var created = await Eventually.Get(async () =>
        {
            await using var command = dataSource.CreateCommand("SELECT createdat FROM hangfire.job ORDER BY createdat");
            await using var reader = await command.ExecuteReaderAsync();
            var times = new List<DateTime>();
            while (await reader.ReadAsync())
            {
                times.Add(reader.GetDateTime(0));
            }

            return times;
        }, t => t.Count >= 4, TimeSpan.FromSeconds(40), "the sweep was triggered four times");

        // Every two seconds, give or take the scheduler's one-second polling; a per-minute schedule would need three minutes.
        var span = created[3] - created[0];
        Assert.InRange(span, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(12));
    }
}
