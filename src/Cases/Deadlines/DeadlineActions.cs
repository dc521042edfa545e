using System.Text.Json.Nodes;
using CaseFlow.Workflows.Runtime;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CaseFlow.Cases.Deadlines;

/// <summary>
/// Fires one deadline in its own transaction: a reminder to the office, an escalation (supervisor, overdue flag,
/// apology to the citizen), or the lapse of a procedure's term (silence-assent, else the substitute authority).
/// A row whose step or procedure closed or whose due date moved is closed as stale without any effect.
/// </summary>
public sealed class DeadlineActions(
    NpgsqlDataSource dataSource, CitizenMessages messages, IOfficeDirectory directory, IAgencyCalendars calendars, SilenceAssent silenceAssent,
    SubstituteAuthority substituteAuthority, WorkflowRuntime runtime, IOptions<ClockOptions> options, TimeProvider clock)
{
    /// <returns>Whether the action happened (false: already fired, or stale).</returns>
    public async Task<bool> FireAsync(Guid id, CancellationToken ct)
    {
        await using var work = await UnitOfWork.BeginAsync(dataSource, clock, CaseActor.Name, ct);
        var (c, tx, now) = (work.Connection, work.Transaction, work.Now);
        // The procedure first, as a workflow step locks it: the same order on both sides.
        var procedureId = await Db.ScalarAsync<Guid?>(c, tx, "SELECT procedure_id FROM deadlines WHERE id = @id", ct, ("id", id));
        if (procedureId is null)
        {
            return false;
        }

        var target = await LockProcedureAsync(c, tx, procedureId.Value, ct);
        var row = await LockRowAsync(c, tx, id, ct);
        if (row is null || target is null)
        {
            return false;
        }

        if (row.TaskId is { } taskId)
        {
            var task = await Db.JsonRowsAsync(c, tx, "SELECT json_build_object('open', status = 'open', 'due', due_at)::text FROM case_tasks WHERE id = @id", ct, ("id", taskId));
            target = target with
            {
                Open = task.Count == 1 && task[0]["open"]!.GetValue<bool>(),
                DueAt = task.Count == 1 ? task[0]["due"]!.GetValue<DateTimeOffset>() : target.DueAt,
            };
        }

        var stale = !target.Open || target.DueAt != row.TargetDue;
        await Db.ExecAsync(c, tx, "UPDATE deadlines SET fired_at = @now, outcome = @outcome, claimed_by = NULL, claimed_until = NULL WHERE id = @id", ct,
            ("now", now), ("outcome", stale ? "stale" : "fired"), ("id", id));
        if (!stale)
        {
            switch (row.Action)
            {
                case "reminder":
                    await RemindAsync(c, tx, row, now, work.AfterCommit, ct);
                    break;
                case "escalation":
                    await EscalateAsync(c, tx, row, target, now, work.AfterCommit, ct);
                    break;
                case "lapse":
                    await LapseAsync(work, row, target, ct);
                    break;
            }
        }

        await work.CommitAsync(ct);
        return !stale;
    }

    private async Task RemindAsync(NpgsqlConnection c, NpgsqlTransaction tx, DeadlineRow row, DateTimeOffset now, Action<Action> onCommitted, CancellationToken ct)
    {
        if (row.TaskId is { } taskId)
        {
            await Db.ExecAsync(c, tx, "UPDATE case_tasks SET reminded_at = @now WHERE id = @id", ct, ("now", now), ("id", taskId));
        }

        var office = directory.FindOffice(row.Office);
        if (office is null)
        {
            return;
        }

        var daysLeft = RomeTime.DateOf(row.TargetDue).DayNumber - RomeTime.DateOf(now).DayNumber;
        await messages.SendAsync(c, tx, row.CaseId, [row.ProcedureId], "office-reminder", null,
            new JsonObject { ["office_name"] = office.Name, ["days_left"] = Math.Max(0, daysLeft), ["case_url"] = messages.CaseUrl(row.CaseId) },
            $"deadline:{row.Id}", now, onCommitted, ct, new OfficeRecipient(office.Email, office.Name));
    }

    private async Task EscalateAsync(NpgsqlConnection c, NpgsqlTransaction tx, DeadlineRow row, DeadlineTarget target, DateTimeOffset now, Action<Action> onCommitted, CancellationToken ct)
    {
        if (row.TaskId is { } taskId)
        {
            await Db.ExecAsync(c, tx, "UPDATE case_tasks SET escalated_at = @now WHERE id = @id", ct, ("now", now), ("id", taskId));
        }

        await Db.ExecAsync(c, tx, "UPDATE cases SET overdue_at = coalesce(overdue_at, @now) WHERE id = @id", ct, ("now", now), ("id", row.CaseId));
        var office = directory.FindOffice(row.Office);
        var officeName = office?.Name ?? row.Office;
        await CaseJournal.EventAsync(c, tx, row.CaseId, row.ProcedureId, now, "overdue",
            $"Termine scaduto il {RomeTime.DateOf(row.TargetDue):dd/MM/yyyy} presso {officeName}: segnalato al responsabile", isPublic: true, ct);
        if (office is not null)
        {
            var daysOverdue = Math.Max(0, RomeTime.DateOf(now).DayNumber - RomeTime.DateOf(row.TargetDue).DayNumber);
            await messages.SendAsync(c, tx, row.CaseId, [row.ProcedureId], "office-escalation", null,
                new JsonObject { ["office_name"] = office.Name, ["supervisor_name"] = office.Supervisor, ["days_overdue"] = daysOverdue, ["case_url"] = messages.CaseUrl(row.CaseId) },
                $"deadline:{row.Id}", now, onCommitted, ct, SupervisorOf(office));
        }

        // Once per case and due date, whether the step's or the procedure's escalation comes first.
        var dueKey = RomeTime.DateOf(row.TargetDue).ToString("yyyy-MM-dd");
        var told = await Db.ScalarAsync<bool>(c, tx, """
            SELECT EXISTS (SELECT 1 FROM case_events WHERE case_id = @case AND kind = 'overdue-apology' AND text LIKE @key)
            """, ct, ("case", row.CaseId), ("key", $"%[{dueKey}]%"));
        if (!told)
        {
            // Counted like a working-day term on the procedure's agency calendar, so the promise never falls on a day off.
            var expected = DueDateCalculator.Compute(now, Term.WorkingDays(options.Value.OverdueGraceDays), calendars.For(target.Agency), []).DueDate.ToString("yyyy-MM-dd");
            await CaseJournal.EventAsync(c, tx, row.CaseId, row.ProcedureId, now, "overdue-apology", $"Comunicato al cittadino il ritardo [{dueKey}]; nuova data prevista {expected}",
                isPublic: false, ct);
            await messages.SendAsync(c, tx, row.CaseId, [row.ProcedureId], "case-overdue", $"Ci scusiamo per il ritardo: nuova data prevista {expected}.",
                new JsonObject { ["new_expected_date"] = expected }, $"case-overdue:{row.CaseId}:{dueKey}", now, onCommitted, ct);
        }
    }

    private async Task LapseAsync(UnitOfWork work, DeadlineRow row, DeadlineTarget target, CancellationToken ct)
    {
        if (target.SilenceAssent)
        {
            // The attested grant and the end of the flow are one change: no task of the flow outlives the grant, and
            // a step that holds the instance right now makes the whole lapse wait for the next sweep.
            await silenceAssent.CloseAsync(work.Connection, work.Transaction, row, target, work.Now, work.AfterCommit, ct);
            await runtime.CancelAsync(work, target.InstanceId, ct);
            return;
        }

        await substituteAuthority.TakeOverAsync(work.Connection, work.Transaction, row, target, work.Now, work.AfterCommit, ct);
    }

    /// <summary>The supervisor at their own address; without one, the office mailbox addressed to them.</summary>
    internal static OfficeRecipient SupervisorOf(OfficeEntry office) =>
        new(office.EscalationAddress, string.IsNullOrWhiteSpace(office.Supervisor) ? office.Name : office.Supervisor);

    private static async Task<DeadlineTarget?> LockProcedureAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid procedureId, CancellationToken ct)
    {
        await using var command = Db.Command(c, tx, """
            SELECT p.closed_at IS NULL AND p.status <> 'suspended', p.due_at, p.agency, p.silence_assent, p.instance_id, p.name, k.received_at,
                   p.term, p.substitute_since IS NOT NULL
            FROM case_procedures p JOIN cases k ON k.id = p.case_id WHERE p.id = @id FOR UPDATE OF p
            """, ("id", procedureId));
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new DeadlineTarget(reader.GetBoolean(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetBoolean(3), reader.GetString(4), reader.GetString(5),
                reader.GetFieldValue<DateTimeOffset>(6), reader.GetString(7), reader.GetBoolean(8))
            : null;
    }

    private static async Task<DeadlineRow?> LockRowAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid id, CancellationToken ct)
    {
        await using var command = Db.Command(c, tx, """
            SELECT id, case_id, procedure_id, task_id, action, office, target_due_at FROM deadlines WHERE id = @id AND fired_at IS NULL FOR UPDATE
            """, ("id", id));
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new DeadlineRow(reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.IsDBNull(3) ? null : reader.GetGuid(3), reader.GetString(4), reader.GetString(5),
                reader.GetFieldValue<DateTimeOffset>(6))
            : null;
    }
}
