using System.Text.Json.Nodes;
using Npgsql;

namespace CaseFlow.Cases.Messages;

/// <summary>An email to the citizen, with the template model the notifications module renders.</summary>
public sealed record CitizenMessage(string DeduplicationKey, string Template, string Language, string RecipientAddress, string RecipientName, JsonObject Model, Guid CaseId);

/// <summary>
/// Where citizen emails go: the notifications outbox (<see cref="OutboxCitizenMailer"/>), in the caller's transaction.
/// A seam of the case layer's own, so tests can watch the messages or make one fail.
/// </summary>
public interface ICitizenMailer
{
    Task EnqueueAsync(NpgsqlTransaction transaction, CitizenMessage message, CancellationToken ct);

    /// <summary>After commit: wake the dispatcher.</summary>
    void SignalCommitted();
}
