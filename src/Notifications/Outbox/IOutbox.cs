namespace CaseFlow.Notifications.Outbox;

/// <summary>The transactional outbox: what the case layer calls to send an email exactly once.</summary>
public interface IOutbox
{
    /// <summary>
    /// Renders the template and inserts the message in the caller's transaction; returns false (and changes nothing)
    /// when the deduplication key already exists. A template error or a missing model field throws here, so the
    /// caller's transaction does not commit a message that could never be sent.
    /// </summary>
    Task<bool> EnqueueAsync(Npgsql.NpgsqlTransaction transaction, OutboxMessage message, CancellationToken ct);

    /// <summary>
    /// Called after the caller committed. Kept for callers written against the job-per-message outbox: the commit
    /// itself now signals the dispatchers (a <c>pg_notify</c> in <see cref="EnqueueAsync"/>), so this does nothing.
    /// </summary>
    void SignalCommitted();
}
