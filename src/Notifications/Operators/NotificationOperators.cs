using CaseFlow.ServiceDefaults.Http;
using CaseFlow.Notifications.Dispatch;
using CaseFlow.ServiceDefaults.Outcomes;
using Npgsql;

namespace CaseFlow.Notifications.Operators;

/// <summary>Which notifications an operator lists: every filter optional, newest first.</summary>
/// <param name="After">The previous page's <see cref="NotificationListPage.Next"/>: the page of older messages after it.</param>
public sealed record NotificationQuery(Guid? CaseId = null, string? Status = null, int? Limit = null, string? After = null);

/// <summary>A page of messages, newest first, and the cursor of the next (older) page when there is one.</summary>
public sealed record NotificationListPage(IReadOnlyList<NotificationView> Items, string? Next);

/// <summary>A bulk resend: every <c>failed</c> (or <c>uncertain</c>) message of a period or a case.</summary>
public sealed record BulkResend(string? Status, DateTimeOffset? Since = null, DateTimeOffset? Until = null, Guid? CaseId = null);

/// <summary>How many messages a bulk resend queued again; <paramref name="More"/> when the call was full and more are waiting.</summary>
public sealed record BulkResent(int Resent, bool More);

/// <summary>
/// What operators see and do with the outbox, whatever the edge (the API or the supervisors' pages): list, read one,
/// resend one (keeping its Message-ID) and resend every failed or uncertain message of a period or a case.
/// </summary>
public sealed class NotificationOperators(NpgsqlDataSource dataSource, TimeProvider time)
{
    public static readonly string[] Statuses = ["pending", "sending", "sent", "retrying", "uncertain", "failed"];

    public const int BulkLimit = 1000;

    public async Task<Outcome<NotificationListPage>> ListAsync(NotificationQuery query, CancellationToken ct)
    {
        if (query.Status is not null && !Statuses.Contains(query.Status))
        {
            return Problem.Validation("status", $"Lo stato è uno di {string.Join(", ", Statuses)}. / status must be one of {string.Join(", ", Statuses)}.");
        }

        if (query.Limit is < 1 or > 1000)
        {
            return Problem.Validation("limit", "Da 1 a 1000 messaggi. / limit must be between 1 and 1000.");
        }

        (DateTimeOffset At, Guid Id)? after = null;
        if (query.After is { Length: > 0 } text)
        {
            if (!KeysetCursor.TryRead(text, out var at, out var id) || !Guid.TryParse(id, out var guid))
            {
                return Problem.Validation("after", "Cursore non valido: usare X-Next-Cursor della pagina precedente. / Invalid cursor: use the previous page's X-Next-Cursor.");
            }

            after = (at, guid);
        }

        var limit = query.Limit ?? 200;
        // Keyset: a page starts at its cursor (through the case or the status index when filtered), not after the newer rows.
        await using var command = dataSource.CreateCommand($"""
            SELECT {NotificationRows.Columns} FROM outbox_messages
             WHERE (@case::uuid IS NULL OR case_id = @case) AND (@status::text IS NULL OR status = @status)
               AND (@afterAt::timestamptz IS NULL OR (created_at, id) < (@afterAt, @afterId))
             ORDER BY created_at DESC, id DESC
             LIMIT @limit
            """);
        command.Parameters.AddWithValue("case", (object?)query.CaseId ?? DBNull.Value);
        command.Parameters.AddWithValue("status", (object?)query.Status ?? DBNull.Value);
        command.Parameters.AddWithValue("afterAt", (object?)after?.At ?? DBNull.Value);
        command.Parameters.AddWithValue("afterId", (object?)after?.Id ?? Guid.Empty);
        command.Parameters.AddWithValue("limit", limit + 1);
        var rows = await NotificationRows.ReadAsync(command, withBodies: false, ct);
        var next = rows.Count > limit ? KeysetCursor.Write(rows[limit - 1].CreatedAt, rows[limit - 1].Id.ToString()) : null;
        return new NotificationListPage([.. rows.Take(limit)], next);
    }

    public async Task<Outcome<NotificationView>> GetAsync(Guid id, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"SELECT {NotificationRows.Columns} FROM outbox_messages WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        var rows = await NotificationRows.ReadAsync(command, withBodies: true, ct);
        return rows.Count == 1 ? rows[0] : Problem.NotFound("id", $"Nessun messaggio {id}. / No notification {id}.");
    }

    /// <summary>
    /// An operator's decision to send again a message that is uncertain, failed, or sent but lost by the citizen. It keeps
    /// its Message-ID, so a client that has it already sees one message. Messages still on their way are a conflict.
    /// </summary>
    public async Task<Outcome<Guid>> ResendAsync(Guid id, CancellationToken ct)
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
            return id;
        }

        await using var exists = dataSource.CreateCommand("SELECT status FROM outbox_messages WHERE id = @id");
        exists.Parameters.AddWithValue("id", id);
        return await exists.ExecuteScalarAsync(ct) is string status
            ? Problem.Conflict("status",
                $"Il messaggio è ancora in invio ({status}): si reinviano solo i messaggi inviati, incerti o non recapitati. / Notification {id} is '{status}'; only sent, uncertain or failed notifications can be resent.")
            : Problem.NotFound("id", $"Nessun messaggio {id}. / No notification {id}.");
    }

    /// <summary>At most <see cref="BulkLimit"/> messages a call; the answer says when more are waiting, so the operator repeats.</summary>
    public async Task<Outcome<BulkResent>> ResendAllAsync(BulkResend request, CancellationToken ct)
    {
        if (request.Status is not ("failed" or "uncertain"))
        {
            return Problem.Validation("status", "Indicare 'failed' o 'uncertain'. / Give 'failed' or 'uncertain' (sent messages are resent one by one).");
        }

        if (request.Since is { } since && request.Until is { } until && until < since)
        {
            return Problem.Validation("until", "'until' viene prima di 'since'. / 'until' is before 'since'.");
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
        command.Parameters.AddWithValue("limit", BulkLimit);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        var resent = await command.ExecuteNonQueryAsync(ct);
        if (resent > 0)
        {
            // The statement above committed on its own: wake every host's dispatcher now rather than at the next sweep.
            await using var signal = dataSource.CreateCommand($"SELECT {OutboxSignal.Notify}");
            await signal.ExecuteNonQueryAsync(ct);
        }

        return new BulkResent(resent, resent == BulkLimit);
    }
}
