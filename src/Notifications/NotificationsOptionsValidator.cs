using CaseFlow.ServiceDefaults.Jobs;
using Microsoft.Extensions.Options;

namespace CaseFlow.Notifications;

/// <summary>Checks the <c>Notifications</c> settings at start-up; each failure names the key.</summary>
internal sealed class NotificationsOptionsValidator : IValidateOptions<NotificationsOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationsOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.PickupDirectory))
        {
            failures.Add("Notifications:PickupDirectory must name a folder.");
        }

        if (string.IsNullOrWhiteSpace(options.MessageIdDomain) || Uri.CheckHostName(options.MessageIdDomain) != UriHostNameType.Dns)
        {
            failures.Add($"Notifications:MessageIdDomain must be a domain name (was '{options.MessageIdDomain}').");
        }

        if (options.BatchSize is < 1 or > 1000)
        {
            failures.Add("Notifications:BatchSize must be between 1 and 1000.");
        }

        if (options.MaxAttempts < 1)
        {
            failures.Add("Notifications:MaxAttempts must be at least 1.");
        }

        if (options.RetryBaseDelay <= TimeSpan.Zero || options.RetryMaxDelay < options.RetryBaseDelay)
        {
            failures.Add("Notifications:RetryBaseDelay must be positive and not above Notifications:RetryMaxDelay.");
        }

        if (options.Lease < TimeSpan.FromSeconds(1))
        {
            failures.Add("Notifications:Lease must be at least one second.");
        }

        if (CronSetting.Problem("Notifications:SweepCron", options.SweepCron) is { } cron)
        {
            failures.Add(cron);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
