using Npgsql;

namespace CaseFlow.Notifications.Dispatch;

/// <summary>
/// The dispatcher's SQL. Every state change after the claim is guarded by the claim id, so a dispatcher whose
/// lease was taken away cannot overwrite what another one decided.
/// </summary>
public sealed class OutboxStore(NpgsqlDataSource dataSource)
{
    /// <summary>Claims due rows in one short statement; <c>SKIP LOCKED</c> lets parallel dispatchers take disjoint rows.</summary>
    public async Task<IReadOnlyList<ClaimedMessage>> ClaimAsync(int batchSize, DateTimeOffset now, TimeSpan lease, CancellationToken ct)
    {
        // Sent in enqueue order (a case's notice of start before the messages its first step queued): RETURNING
        // promises no order, so the claimed rows are sorted again.
        await using var command = dataSource.CreateCommand("""
            WITH claimed AS (
                UPDATE outbox_messages m
                   SET status = 'sending', claim_id = @claim, claimed_at = @now, lease_until = @leaseUntil,
                       send_started_at = NULL, attempts = m.attempts + 1, first_attempt_at = COALESCE(m.first_attempt_at, @now), updated_at = @now
                 WHERE m.id IN (SELECT id FROM outbox_messages
                                 WHERE status IN ('pending', 'retrying') AND next_attempt_at <= @now
                                 ORDER BY next_attempt_at, id
                                 LIMIT @limit
                                 FOR UPDATE SKIP LOCKED)
                RETURNING m.id, m.claim_id, m.recipient_address, m.recipient_name, m.language, m.subject, m.html_body,
                          m.text_body, m.message_id, m.attempts, m.case_id, m.first_attempt_at, m.next_attempt_at)
            SELECT id, claim_id, recipient_address, recipient_name, language, subject, html_body, text_body, message_id, attempts, case_id, first_attempt_at
              FROM claimed ORDER BY next_attempt_at, id
            """);
        command.Parameters.AddWithValue("claim", Guid.NewGuid());
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("leaseUntil", now + lease);
        command.Parameters.AddWithValue("limit", batchSize);
        var claimed = new List<ClaimedMessage>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            claimed.Add(new ClaimedMessage(
                reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetString(8),
                reader.GetInt32(9), reader.IsDBNull(10) ? null : reader.GetGuid(10), reader.GetFieldValue<DateTimeOffset>(11)));
        }

        return claimed;
    }

    /// <summary>Written before the SMTP transaction of a row begins: after a crash it tells "maybe sent" from "never tried".</summary>
    public static NpgsqlBatchCommand SendStarted(ClaimedMessage message, DateTimeOffset now) =>
        Update(message, "send_started_at = @now", now, null, null);

    public static NpgsqlBatchCommand Sent(ClaimedMessage message, DateTimeOffset now) =>
        Update(message, "status = 'sent', sent_at = @now, last_error = NULL, lease_until = NULL", now, null, null);

    public static NpgsqlBatchCommand Retry(ClaimedMessage message, DateTimeOffset now, DateTimeOffset nextAttemptAt, string error) =>
        Update(message, "status = 'retrying', next_attempt_at = @next, last_error = @error, lease_until = NULL, send_started_at = NULL",
            now, nextAttemptAt, error);

    public static NpgsqlBatchCommand Uncertain(ClaimedMessage message, DateTimeOffset now, string error) =>
        Update(message, "status = 'uncertain', last_error = @error, lease_until = NULL", now, null, error);

    public static NpgsqlBatchCommand Failed(ClaimedMessage message, DateTimeOffset now, string error) =>
        Update(message, "status = 'failed', last_error = @error, lease_until = NULL", now, null, error);

    /// <summary>
    /// Runs state changes in one round trip (the dispatcher sends the previous row's outcome with the next row's
    /// "send started"); returns the rows each one changed — 0 means the claim was lost.
    /// </summary>
    public async Task<int[]> ExecuteAsync(NpgsqlConnection connection, IReadOnlyList<NpgsqlBatchCommand> commands, CancellationToken ct)
    {
        if (commands.Count == 0)
        {
            return [];
        }

        await using var batch = new NpgsqlBatch(connection);
        foreach (var command in commands)
        {
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(ct);
        return commands.Select(c => c.RecordsAffected).ToArray();
    }

    /// <summary>
    /// Claims whose lease ran out belong to a dispatcher that died. A row whose send never started goes back to the
    /// queue (its attempt did not happen); a row whose send had started may have been delivered: it becomes
    /// 'uncertain' for an operator to check, because a duplicate is worse than a question.
    /// </summary>
    /// <summary>One connection for a whole batch: a dispatcher talks to the database once per message.</summary>
    public ValueTask<NpgsqlConnection> OpenConnectionAsync(CancellationToken ct) => dataSource.OpenConnectionAsync(ct);

    public async Task<(int Requeued, int Uncertain)> RecoverExpiredLeasesAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            WITH expired AS (
                SELECT id FROM outbox_messages WHERE status = 'sending' AND lease_until < @now FOR UPDATE SKIP LOCKED)
            UPDATE outbox_messages m
               SET status = CASE WHEN m.send_started_at IS NULL
                                 THEN CASE WHEN m.attempts > 1 THEN 'retrying' ELSE 'pending' END
                                 ELSE 'uncertain' END,
                   attempts = CASE WHEN m.send_started_at IS NULL THEN m.attempts - 1 ELSE m.attempts END,
                   last_error = CASE WHEN m.send_started_at IS NULL THEN m.last_error
                                     ELSE 'The dispatcher stopped while sending (lease expired); it may have been delivered.' END,
                   lease_until = NULL, claim_id = NULL, next_attempt_at = LEAST(m.next_attempt_at, @now), updated_at = @now
              FROM expired WHERE m.id = expired.id
            RETURNING m.status
            """);
        command.Parameters.AddWithValue("now", now);
        int requeued = 0, uncertain = 0;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            _ = reader.GetString(0) == "uncertain" ? uncertain++ : requeued++;
        }

        return (requeued, uncertain);
    }

    private static NpgsqlBatchCommand Update(ClaimedMessage message, string set, DateTimeOffset now, DateTimeOffset? next, string? error)
    {
        var command = new NpgsqlBatchCommand(
            $"UPDATE outbox_messages SET {set}, updated_at = $3 WHERE id = $1 AND claim_id = $2 AND status = 'sending'"
                .Replace("@now", "$3", StringComparison.Ordinal).Replace("@next", "$4", StringComparison.Ordinal)
                .Replace("@error", "$5", StringComparison.Ordinal));
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = message.Id });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = message.ClaimId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)next ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)error ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return command;
    }
}
