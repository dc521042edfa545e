using CaseFlow.Notifications.Dispatch;
using CaseFlow.Notifications.Templates;
using Microsoft.Extensions.Options;
using MimeKit;
using Npgsql;
using NpgsqlTypes;

namespace CaseFlow.Notifications.Outbox;

/// <summary>Writes outbox rows with the rendered message; the dispatcher sends them.</summary>
internal sealed class PostgresOutbox(
    TemplateRenderer renderer,
    IOptions<NotificationsOptions> options,
    TimeProvider time) : IOutbox
{
    public async Task<bool> EnqueueAsync(NpgsqlTransaction transaction, OutboxMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.DeduplicationKey);
        if (!MailboxAddress.TryParse(message.RecipientAddress, out _))
        {
            throw new ArgumentException($"'{message.RecipientAddress}' is not an email address.", nameof(message));
        }

        var rendered = renderer.Render(message.Template, message.Language, message.Model);
        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        // The signal rides in the same statement and transaction: dispatchers hear of the row when, and only if, it commits.
        await using var command = new NpgsqlCommand($"""
            WITH inserted AS (
                INSERT INTO outbox_messages (id, deduplication_key, template, language, recipient_address, recipient_name,
                    model, case_id, subject, html_body, text_body, message_id, next_attempt_at, created_at, updated_at)
                VALUES (@id, @key, @template, @language, @address, @name, @model, @case, @subject, @html, @text, @messageId, @now, @now, @now)
                ON CONFLICT (deduplication_key) DO NOTHING
                RETURNING 1)
            SELECT count(*)::int FROM (SELECT {OutboxSignal.Notify} FROM inserted) signalled
            """, transaction.Connection, transaction);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("key", message.DeduplicationKey);
        command.Parameters.AddWithValue("template", message.Template);
        command.Parameters.AddWithValue("language", message.Language);
        command.Parameters.AddWithValue("address", message.RecipientAddress);
        command.Parameters.AddWithValue("name", (object?)message.RecipientName ?? DBNull.Value);
        command.Parameters.AddWithValue("model", NpgsqlDbType.Jsonb, message.Model.ToJsonString());
        command.Parameters.AddWithValue("case", (object?)message.CaseId ?? DBNull.Value);
        command.Parameters.AddWithValue("subject", rendered.Subject);
        command.Parameters.AddWithValue("html", rendered.Html);
        command.Parameters.AddWithValue("text", rendered.Text);
        command.Parameters.AddWithValue("messageId", MessageIds.For(id, options.Value.MessageIdDomain));
        command.Parameters.AddWithValue("now", now);
        return (int)(await command.ExecuteScalarAsync(ct))! == 1;
    }

    // The commit has signalled already (pg_notify in EnqueueAsync); nothing is left to do after it.
    public void SignalCommitted()
    {
    }
}
