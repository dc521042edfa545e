namespace CaseFlow.Notifications;

/// <summary>Settings under <c>Notifications</c>.</summary>
public sealed class NotificationsOptions
{
    public const string Section = "Notifications";

    /// <summary>Where .eml files go when no SMTP host is set; relative to the content root.</summary>
    public string PickupDirectory { get; set; } = ".mailbox";

    /// <summary>Folder of the Liquid templates; empty means the Templates folder next to the binaries.</summary>
    public string TemplatesPath { get; set; } = "";

    /// <summary>Right-hand side of the deterministic Message-ID <c>&lt;{id}@{domain}&gt;</c>.</summary>
    public string MessageIdDomain { get; set; } = "caseflow.local";

    /// <summary>Messages claimed (and sent over one SMTP connection) per batch.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>
    /// How long a message that keeps failing temporarily (server down, 4xx) is retried, from its first attempt, before
    /// it is marked failed: a day, so a night's SMTP outage loses nothing.
    /// </summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromDays(1);

    /// <summary>An optional cap on attempts as well; 0 (the default): only <see cref="RetryFor"/> decides.</summary>
    public int MaxAttempts { get; set; }

    /// <summary>
    /// In Production a host with no <c>Smtp:Host</c> refuses to start, since its mail would only reach a folder; true
    /// says that the pickup folder is meant (another program delivers it).
    /// </summary>
    public bool AllowPickupInProduction { get; set; }

    /// <summary>First retry delay; doubled on every further attempt up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a claimed batch is owned by its dispatcher; a longer claim means the dispatcher died.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Run this host's signalled dispatcher (LISTEN on a dedicated connection). The host turns it off with
    /// <c>Jobs:RunServer</c> = false, so an API-only host does no background work at all.
    /// </summary>
    public bool Dispatch { get; set; } = true;

    /// <summary>
    /// Cron of the recurring sweep that picks up retries and dead claims (Hangfire, 6 fields = seconds). The
    /// dispatcher hears every commit and starts each connection with a pass of its own, and short retries are delayed
    /// jobs, so the sweep is only the net for a signal lost mid-connection and for dead claims (leases last minutes):
    /// once a minute is enough.
    /// </summary>
    public string SweepCron { get; set; } = "* * * * *";

    /// <summary>
    /// Days a message that reached a final state (sent, failed, uncertain) is kept with its body and recipient; then it
    /// is deleted by the <c>data-retention</c> job (the case keeps its own record of what was sent). 0 keeps them.
    /// </summary>
    public int RetainFinishedDays { get; set; } = 90;
}
