using CaseFlow.Notifications.Dispatch;
using CaseFlow.Notifications.Outbox;
using CaseFlow.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace CaseFlow.Notifications.Operators;

/// <summary>
/// <c>POST /api/notifications/resend</c> <c>{status, since?, until?, caseId?}</c>: after an outage, an operator sends
/// again every <c>failed</c> (or <c>uncertain</c>) message of a period or a case in one step, each with its Message-ID.
/// At most <see cref="Limit"/> per call; the answer says how many, so the operator repeats while it is full.
/// </summary>
internal static class ResendNotifications
{
    public const int Limit = 1000;

    internal sealed record Request(string? Status, DateTimeOffset? Since, DateTimeOffset? Until, Guid? CaseId);

    internal sealed record Response(int Resent, bool More);

    public static async Task<IResult> Handle(Request request, NpgsqlDataSource dataSource, IOutbox outbox, TimeProvider time, CancellationToken ct)
    {
        if (request.Status is not ("failed" or "uncertain"))
        {
            return Problems.Validation("status", "Indicare 'failed' o 'uncertain'. / Give 'failed' or 'uncertain' (sent messages are resent one by one).");
        }

        if (request.Since is { } since && request.Until is { } until && until < since)
        {
            return Problems.Validation("until", "'until' viene prima di 'since'. / 'until' is before 'since'.");
        }

        await using var command = dataSource.CreateCommand("""
            WITH target AS (
                SELECT id FROM outbox_messages
                 WHERE status = @status AND (@since::timestamptz IS NULL OR updated_at >= @since) AND (@until::timestamptz IS NULL OR updated_at <= @until)
                   AND (@case::uuid IS NULL OR case_id = @case)
                 ORDER BY updated_at LIMIT @limit FOR UPDATE SKIP LOCKED)
            UPDATE outbox_messages m
               SET status = 'pending', attempts = 0, first_attempt_at = NULL, next_attempt_at = @now, last_error = NULL, send_started_at = NULL,
                   claim_id = NULL, lease_until = NULL, resend_count = m.resend_count + 1, updated_at = @now
              FROM target WHERE m.id = target.id
            """);
        command.Parameters.AddWithValue("status", request.Status);
        command.Parameters.Add(new NpgsqlParameter("since", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = (object?)request.Since?.ToUniversalTime() ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("until", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = (object?)request.Until?.ToUniversalTime() ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("case", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)request.CaseId ?? DBNull.Value });
        command.Parameters.AddWithValue("limit", Limit);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        var resent = await command.ExecuteNonQueryAsync(ct);
        if (resent > 0)
        {
            // The statement above committed on its own: wake every host's dispatcher now rather than at the next sweep.
            await using var signal = dataSource.CreateCommand($"SELECT {OutboxSignal.Notify}");
            await signal.ExecuteNonQueryAsync(ct);
        }

        return Results.Ok(new Response(resent, resent == Limit));
    }
}
