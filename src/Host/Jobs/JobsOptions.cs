namespace CaseFlow.Host.Jobs;

/// <summary>Settings under <c>Jobs</c> (Hangfire). The defaults keep an idle host cheap; see the README.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Hangfire workers in this host.</summary>
    public int WorkerCount { get; set; } = 4;

    /// <summary>Run the Hangfire server in this host; false for an API-only host.</summary>
    public bool RunServer { get; set; } = true;

    /// <summary>
    /// Workers wake on PostgreSQL's NOTIFY when a job is enqueued (Hangfire.PostgreSql long polling), so the queue
    /// poll below is only a fallback and can be long.
    /// </summary>
    public bool LongPolling { get; set; } = true;

    /// <summary>How often an idle worker looks at the queue when no notification woke it.</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the delayed-job and recurring-job schedulers look for work (each look takes a lock: a few commits).</summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A job fetched by a host that died runs again after this long. Sliding: a running job renews it, so it can be
    /// short without a long job being run twice.
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);
}
