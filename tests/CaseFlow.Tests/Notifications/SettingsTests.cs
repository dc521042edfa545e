using CaseFlow.Notifications;
using CaseFlow.Notifications.Smtp;
using CaseFlow.Tests.Infrastructure;

namespace CaseFlow.Tests.Notifications;

public class SettingsTests
{
    [Theory]
    [InlineData("Smtp__Port", "0", "Smtp:Port")]
    [InlineData("Smtp__From__Address", "not an address", "Smtp:From:Address")]
    public async Task A_bad_setting_stops_the_host_with_one_line_naming_the_key(string variable, string value, string named)
    {
        await using var host = HostProcess.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings__CaseFlow"] = await TestCluster.CreateDatabaseAsync(),
            ["Smtp__Host"] = "127.0.0.1",
            [variable] = value,
        });

        Assert.Equal(1, await host.WaitForExitAsync(TimeSpan.FromSeconds(90)));
        var line = host.Output.Split('\n').Single(l => l.StartsWith("CaseFlow could not start:", StringComparison.Ordinal));
        Assert.Contains(named, line, StringComparison.Ordinal);
    }

    [Fact]
    public void The_smtp_validator_names_each_offending_key()
    {
        var result = new SmtpOptionsValidator().Validate(null, new SmtpOptions
        {
            Host = "smtp.example.it",
            Port = 70000,
            Username = "desk",
            From = new SmtpFromOptions { Address = "nobody" },
        });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Smtp:Port", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Smtp:From:Address", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Smtp:Password", StringComparison.Ordinal));
        Assert.True(new SmtpOptionsValidator().Validate(null, new SmtpOptions()).Succeeded);
        Assert.True(new NotificationsOptionsValidator().Validate(null, new NotificationsOptions()).Succeeded);
        var batch = new NotificationsOptionsValidator().Validate(null, new NotificationsOptions { BatchSize = 0, SweepCron = "every minute" });
        Assert.Contains(batch.Failures!, f => f.Contains("Notifications:BatchSize", StringComparison.Ordinal));
        Assert.Contains(batch.Failures!, f => f.Contains("Notifications:SweepCron", StringComparison.Ordinal));
    }
}
