using CaseFlow.ServiceDefaults.Jobs;
using CaseFlow.Tests.Infrastructure;

namespace CaseFlow.Tests.Foundation;

public class CronSettingsTests
{
    // Each value has five or six fields, so only a real parser refuses it.
    [Theory]
    [InlineData("Workflows__TimerSweepCron", "61 * * * *", "Workflows:TimerSweepCron")]
    [InlineData("Clock__SweepCron", "*/30 * 25 * * *", "Clock:SweepCron")]
    [InlineData("Notifications__SweepCron", "*/10 * * 13 *", "Notifications:SweepCron")]
    public async Task A_bad_cron_setting_stops_the_host_with_one_line_naming_the_key(string variable, string value, string named)
    {
        await using var host = HostProcess.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings__CaseFlow"] = await TestCluster.CreateDatabaseAsync(),
            [variable] = value,
        });

        Assert.Equal(1, await host.WaitForExitAsync(TimeSpan.FromSeconds(90)));
        var line = host.Output.Split('\n').Single(l => l.StartsWith("CaseFlow could not start:", StringComparison.Ordinal));
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.Contains(value, line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("*/5 * * * *")]
    [InlineData("*/5 * * * * *")]
    [InlineData("0 7 * * MON-FRI")]
    [InlineData("30 0 7 * * MON-FRI")]
    public void Five_fields_or_six_with_seconds_first_are_cron_expressions(string value)
    {
        Assert.Null(CronSetting.Problem("Any:Cron", value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("every minute")]
    [InlineData("* * * *")]
    [InlineData("* * * * * * *")]
    [InlineData("60 * * * * *")]
    [InlineData("* * * * FRY")]
    public void Anything_else_is_refused_naming_the_key_and_the_value(string value)
    {
        var problem = CronSetting.Problem("Any:Cron", value);

        Assert.NotNull(problem);
        Assert.StartsWith("Any:Cron ", problem, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", problem, StringComparison.Ordinal);
    }
}
