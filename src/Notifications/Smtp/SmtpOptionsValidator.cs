using Microsoft.Extensions.Options;
using MimeKit;

namespace CaseFlow.Notifications.Smtp;

/// <summary>Checks the SMTP settings at start-up; each failure names the key to fix.</summary>
internal sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        var failures = new List<string>();
        if (options.Port is < 1 or > 65535)
        {
            failures.Add($"Smtp:Port must be between 1 and 65535 (was {options.Port}).");
        }

        if (!Enum.IsDefined(options.Security))
        {
            failures.Add("Smtp:Security must be None, StartTls or SslOnConnect.");
        }

        if (!MailboxAddress.TryParse(options.From.Address, out var from) || !from.Address.Contains('@', StringComparison.Ordinal))
        {
            failures.Add($"Smtp:From:Address must be an email address (was '{options.From.Address}').");
        }

        if (string.IsNullOrWhiteSpace(options.Username) != string.IsNullOrWhiteSpace(options.Password))
        {
            failures.Add("Smtp:Username and Smtp:Password must be given together.");
        }

        if (options.Enabled && Uri.CheckHostName(options.Host) == UriHostNameType.Unknown)
        {
            failures.Add($"Smtp:Host must be a host name or an IP address (was '{options.Host}').");
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            failures.Add("Smtp:Timeout must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
