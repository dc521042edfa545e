using CaseFlow.Notifications.Outbox;
using Npgsql;

namespace CaseFlow.Cases.Messages;

/// <summary>Citizen emails through the notifications outbox, written in the case's own transaction.</summary>
internal sealed class OutboxCitizenMailer(IOutbox outbox) : ICitizenMailer
{
    public async Task EnqueueAsync(NpgsqlTransaction transaction, CitizenMessage message, CancellationToken ct) =>
        // false means the deduplication key was already queued: a retried step sends nothing twice.
        await outbox.EnqueueAsync(transaction, new OutboxMessage(message.DeduplicationKey, message.Template, message.Language, message.RecipientAddress,
            message.RecipientName, message.Model, message.CaseId), ct);

    public void SignalCommitted() => outbox.SignalCommitted();
}
