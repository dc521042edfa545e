using Microsoft.Extensions.Logging;

namespace CaseFlow.ServiceDefaults.Retention;

/// <summary>The <c>data-retention</c> job: applies every module's rules in turn; a failing rule does not stop the others.</summary>
public sealed class RetentionSweep(IEnumerable<IRetentionRule> rules, TimeProvider clock, ILogger<RetentionSweep> logger)
{
    public const string JobId = "data-retention";

    public async Task<IReadOnlyDictionary<string, int>> SweepAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var changed = new Dictionary<string, int>();
        foreach (var rule in rules)
        {
            try
            {
                changed[rule.Name] = await rule.ApplyAsync(now, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Retention rule {Rule} failed; it runs again with the next sweep", rule.Name);
            }
        }

        foreach (var (name, count) in changed.Where(c => c.Value > 0))
        {
            logger.LogInformation("Retention rule {Rule} changed {Count} records", name, count);
        }

        return changed;
    }
}
