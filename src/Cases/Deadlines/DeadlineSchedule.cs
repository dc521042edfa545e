using System.Xml;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CaseFlow.Cases.Deadlines;

/// <summary>
/// Writes the deadline rows of a step or procedure in the caller's transaction: reminders before the due date, an
/// escalation at it and, for a procedure, a lapse. A moved due date drops the unfired rows of the old one.
/// </summary>
public sealed class DeadlineSchedule(IOptions<ClockOptions> options, TimeProvider clock)
{
    public async Task StepAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid caseId, Guid procedureId, Guid taskId, string office, DateTimeOffset dueAt, CancellationToken ct)
    {
        await Db.ExecAsync(c, tx, "DELETE FROM deadlines WHERE task_id = @task AND fired_at IS NULL AND target_due_at <> @due", ct, ("task", taskId), ("due", dueAt));
        foreach (var (action, at, label) in Rows(dueAt, lapse: false))
        {
            await InsertAsync(c, tx, caseId, procedureId, taskId, "step", action, office, dueAt, at, label, ct);
        }
    }

    public async Task ProcedureAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid caseId, Guid procedureId, string office, DateTimeOffset dueAt, CancellationToken ct)
    {
        await Db.ExecAsync(c, tx, "DELETE FROM deadlines WHERE procedure_id = @procedure AND task_id IS NULL AND fired_at IS NULL AND target_due_at <> @due", ct,
            ("procedure", procedureId), ("due", dueAt));
        foreach (var (action, at, label) in Rows(dueAt, lapse: true))
        {
            await InsertAsync(c, tx, caseId, procedureId, null, "procedure", action, office, dueAt, at, label, ct);
        }
    }

    /// <summary>A suspended procedure has no running term: nothing of it fires until it resumes.</summary>
    public static Task SuspendProcedureAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid procedureId, CancellationToken ct) =>
        Db.ExecAsync(c, tx, "DELETE FROM deadlines WHERE procedure_id = @procedure AND task_id IS NULL AND fired_at IS NULL", ct, ("procedure", procedureId));

    public static Task CloseTaskAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid taskId, CancellationToken ct) =>
        Db.ExecAsync(c, tx, "DELETE FROM deadlines WHERE task_id = @task AND fired_at IS NULL", ct, ("task", taskId));

    public static Task CloseProcedureAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid procedureId, CancellationToken ct) =>
        Db.ExecAsync(c, tx, "DELETE FROM deadlines WHERE procedure_id = @procedure AND fired_at IS NULL", ct, ("procedure", procedureId));

    private IEnumerable<(string Action, DateTimeOffset At, string Label)> Rows(DateTimeOffset dueAt, bool lapse)
    {
        var now = clock.GetUtcNow();
        // A reminder whose moment has already passed (a step shorter than the offset) would only be noise.
        foreach (var offset in options.Value.Offsets().Where(o => dueAt - o > now))
        {
            yield return ("reminder", dueAt - offset, "-" + XmlConvert.ToString(offset));
        }

        yield return ("escalation", dueAt, "P0D");
        if (lapse)
        {
            yield return ("lapse", dueAt, "P0D");
        }
    }

    private static Task InsertAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid caseId, Guid procedureId, Guid? taskId, string kind, string action, string office,
        DateTimeOffset targetDue, DateTimeOffset at, string label, CancellationToken ct) =>
        Db.ExecAsync(c, tx, """
            INSERT INTO deadlines (id, case_id, procedure_id, task_id, kind, action, office, target_due_at, due_at, offset_label)
            VALUES (@id, @case, @procedure, @task, @kind, @action, @office, @target, @at, @label)
            ON CONFLICT DO NOTHING
            """, ct, ("id", Guid.CreateVersion7()), ("case", caseId), ("procedure", procedureId), ("task", taskId), ("kind", kind), ("action", action),
            ("office", office), ("target", targetDue), ("at", at), ("label", label));
}
