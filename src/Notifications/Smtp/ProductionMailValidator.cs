using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CaseFlow.Notifications.Smtp;

/// <summary>
/// A Production host with no SMTP server would write citizens' mail to a folder and call it sent: it refuses to
/// start unless <c>Notifications:AllowPickupInProduction</c> says the folder is what is meant.
/// </summary>
internal sealed class ProductionMailValidator(IHostEnvironment environment, IOptions<NotificationsOptions> notifications) : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options) =>
        environment.IsProduction() && !options.Enabled && !notifications.Value.AllowPickupInProduction
            ? ValidateOptionsResult.Fail(
                "Smtp:Host is empty in Production, so citizens' mail would only be written to Notifications:PickupDirectory. Set Smtp:Host, or set " +
                "Notifications:AllowPickupInProduction to true if another program delivers that folder.")
            : ValidateOptionsResult.Success;
}
