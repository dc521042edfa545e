using Hangfire;

namespace CaseFlow.Notifications.Dispatch;

/// <summary>The Hangfire entry point of the recurring sweep (retries that are due, dead claims) and of short retry back-offs.</summary>
public sealed class OutboxDispatchJob(OutboxDispatcher dispatcher)
{
    public const string SweepJobId = "notifications-outbox-sweep";

    // The outbox keeps its own attempts and back-off per message; Hangfire retrying the whole job would only add noise.
    [AutomaticRetry(Attempts = 0)]
    public Task<int> RunAsync(CancellationToken cancellationToken) => dispatcher.DispatchAsync(cancellationToken);
}
