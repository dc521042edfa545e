namespace CaseFlow.Host.Jobs;

/// <summary>Settings under <c>Jobs</c> (Hangfire).</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Hangfire workers in this host.</summary>
    public int WorkerCount { get; set; } = 4;

    /// <summary>Run the Hangfire server in this host; false for an API-only host.</summary>
    public bool RunServer { get; set; } = true;
}
