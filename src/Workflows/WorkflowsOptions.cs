namespace CaseFlow.Workflows;

/// <summary>Settings under <c>Workflows</c>.</summary>
public sealed class WorkflowsOptions
{
    public const string Section = "Workflows";

    /// <summary>Folder of the Elsa JSON definitions loaded at start-up. Empty: the nearest <c>workflow-definitions</c> folder above the content root.</summary>
    public string DefinitionsPath { get; set; } = "";

    /// <summary>How often the timer sweep runs (Hangfire cron; six fields include seconds).</summary>
    public string TimerSweepCron { get; set; } = "*/5 * * * * *";

    /// <summary>
    /// Activities one step may execute before it waits again: a loop without a wait would otherwise run forever with
    /// its instance locked. Beyond it the instance faults with an incident (retry runs a fresh budget).
    /// </summary>
    public int MaxActivitiesPerStep { get; set; } = 5000;

    /// <summary>Wall time one step may take before the instance faults with an incident.</summary>
    public TimeSpan MaxStepDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Outbound HTTP of FlowSendHttpRequest.</summary>
    public WorkflowHttpOptions Http { get; set; } = new();
}

/// <summary>Settings under <c>Workflows:Http</c>: where definitions may send requests, and how patiently.</summary>
public sealed class WorkflowHttpOptions
{
    /// <summary>
    /// The hosts a definition may call (exact names, or <c>*.example.it</c> for the subdomains of one). Empty: none, so a
    /// definition cannot reach an arbitrary address.
    /// </summary>
    public string[] AllowedHosts { get; set; } = [];

    /// <summary>How long one attempt may take before it counts as a timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts in all (the first and its retries) on a transient failure: no connection, a timeout, 408/409/429/500/502/503/504.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The wait before the first retry; each next retry waits twice as long.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Whether <paramref name="host"/> is on the allow-list.</summary>
    public bool Allows(string host) => AllowedHosts.Any(allowed => allowed.StartsWith("*.", StringComparison.Ordinal)
        ? host.EndsWith(allowed[1..], StringComparison.OrdinalIgnoreCase)
        : string.Equals(allowed, host, StringComparison.OrdinalIgnoreCase));
}
