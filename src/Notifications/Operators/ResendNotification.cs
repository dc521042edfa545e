using CaseFlow.Notifications.Dispatch;
using CaseFlow.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace CaseFlow.Notifications.Operators;

/// <summary>
/// <c>POST /api/notifications/{id}/resend</c>: an operator's decision to send again a message that is uncertain,
/// failed, or sent but lost by the citizen. It keeps its Message-ID, so a client that has it already sees one message.
/// Messages still on their way (pending, retrying, sending) answer 409.
/// </summary>
internal static class ResendNotification
{
    public static async Task<IResult> Handle(Guid id, NpgsqlDataSource dataSource, TimeProvider time, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            WITH target AS (SELECT id, status FROM outbox_messages WHERE id = @id FOR UPDATE),
            resent AS (
            UPDATE outbox_messages m
               SET status = 'pending', attempts = 0, first_attempt_at = NULL, next_attempt_at = @now, last_error = NULL, send_started_at = NULL,
                   claim_id = NULL, lease_until = NULL, resend_count = m.resend_count + 1, updated_at = @now
              FROM target
             WHERE m.id = target.id AND target.status IN ('sent', 'uncertain', 'failed')
            RETURNING m.id)
            SELECT id FROM (SELECT id, {OutboxSignal.Notify} FROM resent) signalled
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        if (await command.ExecuteScalarAsync(ct) is not null)
        {
            return Results.Accepted($"/api/notifications/{id}");
        }

        await using var exists = dataSource.CreateCommand("SELECT status FROM outbox_messages WHERE id = @id");
        exists.Parameters.AddWithValue("id", id);
        return await exists.ExecuteScalarAsync(ct) is string status
            ? Results.Problem(
                statusCode: StatusCodes.Status409Conflict,
                type: "https://caseflow.example/problems/conflict",
                title: "The notification is still on its way.",
                detail: $"Notification {id} is '{status}'; only sent, uncertain or failed notifications can be resent.",
                extensions: new Dictionary<string, object?> { ["field"] = "status" })
            : Problems.NotFound("id", $"No notification {id}.");
    }
}
