using Npgsql;

namespace CaseFlow.Cases.Tasks;

/// <summary>An open task as it was before a move, and where it went.</summary>
public sealed record MovedTask(Guid TaskId, Guid CaseId, Guid ProcedureId, string Title, string FromOffice, string? FromClaimant, DateTimeOffset FromDue,
    string Office, DateTimeOffset DueAt);

/// <summary>
/// Moves an open task to another office's queue, unclaimed, optionally to a new due date. Its reminders, escalation and
/// scadenziario rows move with it: the unfired ones of the old office go and the new office's are written. A hand-off
/// and the substitute authority taking over a procedure both move tasks this way.
/// </summary>
public sealed class TaskMove(DeadlineSchedule schedule)
{
    internal async Task<MovedTask?> MoveAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid taskId, string office, DateTimeOffset? dueAt, CancellationToken ct)
    {
        MovedTask moved;
        await using (var command = Db.Command(c, tx, """
            WITH old AS (SELECT id, office, claimed_by, due_at FROM case_tasks WHERE id = @id AND status = 'open' FOR UPDATE)
            UPDATE case_tasks t SET office = @office, claimed_by = NULL, due_at = coalesce(@due, old.due_at) FROM old WHERE t.id = old.id
            RETURNING t.case_id, t.procedure_id, t.title, old.office, old.claimed_by, old.due_at, t.due_at
            """, ("id", taskId), ("office", office), ("due", (object?)dueAt ?? DBNull.Value)))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct))
            {
                return null;
            }

            moved = new MovedTask(taskId, reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5), office, reader.GetFieldValue<DateTimeOffset>(6));
        }

        await DeadlineSchedule.CloseTaskAsync(c, tx, taskId, ct);
        await schedule.StepAsync(c, tx, moved.CaseId, moved.ProcedureId, taskId, office, moved.DueAt, ct);
        return moved;
    }
}
