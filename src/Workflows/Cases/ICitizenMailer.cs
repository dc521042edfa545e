using System.Text.Json.Nodes;
using Npgsql;

namespace CaseFlow.Workflows.Cases;

/// <summary>An email to the citizen, with the template model the notifications module renders.</summary>
public sealed record CitizenMessage(string DeduplicationKey, string Template, string Language, string RecipientAddress, string RecipientName, JsonObject Model, Guid CaseId);

/// <summary>
/// Where citizen emails go: the notifications outbox, in the caller's transaction. The case layer depends on this
/// seam only, so it runs (recording messages in <c>case_messages</c>) where no mailer is registered.
/// </summary>
public interface ICitizenMailer
{
    Task EnqueueAsync(NpgsqlTransaction transaction, CitizenMessage message, CancellationToken ct);

    /// <summary>After commit: wake the dispatcher.</summary>
    void SignalCommitted();
}

internal sealed class NoCitizenMailer : ICitizenMailer
{
    public Task EnqueueAsync(NpgsqlTransaction transaction, CitizenMessage message, CancellationToken ct) => Task.CompletedTask;

    public void SignalCommitted()
    {
    }
}
