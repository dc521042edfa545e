namespace CaseFlow.ServiceDefaults.Retention;

/// <summary>
/// One retention rule of the module that owns the data (GDPR art. 5(1)(e)): it removes or pseudonymises what is
/// older than its configured period, in batches of short transactions, and says how many records it changed.
/// </summary>
public interface IRetentionRule
{
    /// <summary>A short name for logs and the job's result, e.g. "closed-cases".</summary>
    string Name { get; }

    Task<int> ApplyAsync(DateTimeOffset now, CancellationToken ct);
}
