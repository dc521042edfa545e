using CaseFlow.Notifications;
using CaseFlow.Notifications.Smtp;
using CaseFlow.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace CaseFlow.Tests.Notifications;

public class SettingsTests
{
    [Theory]
    [InlineData("Smtp:Port", "0", "Smtp:Port")]
    [InlineData("Smtp:Security", "Sometimes", "Smtp:Security")]
    [InlineData("Smtp:From:Address", "not an address", "Smtp:From:Address")]
    [InlineData("Notifications:BatchSize", "0", "Notifications:BatchSize")]
    public async Task A_bad_setting_stops_the_host_with_a_message_naming_the_key(string key, string value, string named)
    {
        await using var app = new CaseFlowApp(await TestCluster.CreateDatabaseAsync(), new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1",
            [key] = value,
        });

        var error = Record.Exception(() => app.Server);

        Assert.NotNull(error);
        Assert.Contains(named, Flatten(error), StringComparison.Ordinal);
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
    }

    private static string Flatten(Exception error) => error switch
    {
        OptionsValidationException o => o.Message,
        AggregateException a => string.Join(" | ", a.InnerExceptions.Select(Flatten)),
        _ => error.Message + (error.InnerException is null ? "" : " | " + Flatten(error.InnerException)),
    };
}
