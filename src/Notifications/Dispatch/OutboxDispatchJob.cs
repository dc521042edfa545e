using Hangfire;

namespace CaseFlow.Notifications.Dispatch;

/// <summary>The Hangfire entry point, enqueued by <c>SignalCommitted</c>, by retries and by the recurring sweep.</summary>
public sealed class OutboxDispatchJob(OutboxDispatcher dispatcher)
{
    public const string SweepJobId = "notifications-outbox-sweep";

    // The outbox keeps its own attempts and back-off per message; Hangfire retrying the whole job would only add noise.
    [AutomaticRetry(Attempts = 0)]
    public Task<int> RunAsync(CancellationToken cancellationToken) => dispatcher.DispatchAsync(cancellationToken);
}
