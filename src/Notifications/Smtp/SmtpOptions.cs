namespace CaseFlow.Notifications.Smtp;

/// <summary>How the SMTP connection is protected.</summary>
public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
}

/// <summary>Settings under <c>Smtp</c>. No <see cref="Host"/> means: write .eml files to the pickup directory.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    public string? Username { get; set; }

    public string? Password { get; set; }

    public SmtpSecurity Security { get; set; } = SmtpSecurity.None;

    public SmtpFromOptions From { get; set; } = new();

    /// <summary>Per-command timeout, so a stuck server cannot hold a batch for ever.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>The sender of every message: <c>Smtp:From:Address</c> and <c>Smtp:From:Name</c>.</summary>
public sealed class SmtpFromOptions
{
    public string Address { get; set; } = "noreply@caseflow.local";

    public string Name { get; set; } = "Sportello CaseFlow";
}
