using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CaseFlow.Cases.LegalClock;

/// <summary>
/// A procedure whose term lapsed without silence-assent passes to the holder of the substitute power (art. 2 c.9-bis
/// L. 241/1990), who concludes within half the original term (c.9-ter). The work moves with it: the procedure's open
/// tasks at its own agency's offices go to the substitute office's queue, unclaimed, due on the new date.
/// </summary>
public sealed class SubstituteAuthority(CitizenMessages messages, IOfficeDirectory directory, DeadlineSchedule schedule, TaskMove taskMove, IAgencyCalendars calendars,
    IOptions<ClockOptions> options)
{
    internal async Task TakeOverAsync(NpgsqlConnection c, NpgsqlTransaction tx, DeadlineRow row, DeadlineTarget target, DateTimeOffset now, Action<Action> onCommitted,
        CancellationToken ct)
    {
        if (target.UnderSubstitute)
        {
            // The substitute's own term lapsed: there is no further substitute; the escalation at the same date tells the supervisor.
            await CaseJournal.EventAsync(c, tx, row.CaseId, row.ProcedureId, now, "lapse",
                $"{target.Name}: scaduto anche il termine del titolare del potere sostitutivo ({RomeTime.DateOf(row.TargetDue):yyyy-MM-dd})", isPublic: false, ct);
            return;
        }

        if (!options.Value.SubstituteAuthority.TryGetValue(target.Agency, out var substituteId) || directory.FindOffice(substituteId) is not { } substitute)
        {
            await CaseJournal.EventAsync(c, tx, row.CaseId, row.ProcedureId, now, "lapse",
                $"{target.Name}: termine scaduto il {RomeTime.DateOf(row.TargetDue):yyyy-MM-dd}; nessun titolare del potere sostitutivo configurato", isPublic: false, ct);
            return;
        }

        // Half the procedure's own term, counted from the lapse like any term on the agency's calendar.
        var newDue = DueDateCalculator.Compute(now, Term.Parse(target.Term).Half(), calendars.For(target.Agency), []).DueAt.ToUniversalTime();
        await Db.ExecAsync(c, tx, "UPDATE case_procedures SET office = @office, due_at = @due, status = 'substitute', substitute_since = @now WHERE id = @id", ct,
            ("office", substitute.Id), ("due", newDue), ("now", now), ("id", row.ProcedureId));
        await schedule.ProcedureAsync(c, tx, row.CaseId, row.ProcedureId, substitute.Id, newDue, ct);
        await CaseJournal.EventAsync(c, tx, row.CaseId, row.ProcedureId, now, "substitute-authority",
            $"{target.Name}: termine scaduto; il procedimento passa al titolare del potere sostitutivo ({substitute.Name}), nuovo termine {RomeTime.DateOf(newDue):dd/MM/yyyy}",
            isPublic: true, ct);
        await CaseJournal.AuditAsync(c, tx, now, "procedure", row.ProcedureId, "substitute",
            new JsonObject { ["office"] = row.Office, ["dueAt"] = row.TargetDue.ToString("O") }, new JsonObject { ["office"] = substitute.Id, ["dueAt"] = newDue.ToString("O") }, ct);
        await MoveTasksAsync(c, tx, row, target, substitute, newDue, now, ct);
        await messages.SendAsync(c, tx, row.CaseId, [row.ProcedureId], "office-escalation", null,
            new JsonObject { ["office_name"] = substitute.Name, ["supervisor_name"] = substitute.Supervisor, ["days_overdue"] = 0, ["case_url"] = messages.CaseUrl(row.CaseId) },
            $"substitute:{row.Id}", now, onCommitted, ct, DeadlineActions.SupervisorOf(substitute));
    }

    private async Task MoveTasksAsync(NpgsqlConnection c, NpgsqlTransaction tx, DeadlineRow row, DeadlineTarget target, OfficeEntry substitute, DateTimeOffset newDue,
        DateTimeOffset now, CancellationToken ct)
    {
        // The substitute is a figure of the same administration: another agency's step (an ASL opinion, say) stays with that agency.
        var otherAgencies = directory.Offices.Where(o => o.AgencyId != target.Agency).Select(o => o.Id).ToArray();
        var taskIds = new List<Guid>();
        await using (var command = Db.Command(c, tx, """
            SELECT id FROM case_tasks WHERE procedure_id = @procedure AND status = 'open' AND office <> @office AND NOT office = ANY(@others) ORDER BY id FOR UPDATE
            """, ("procedure", row.ProcedureId), ("office", substitute.Id), ("others", otherAgencies)))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                taskIds.Add(reader.GetGuid(0));
            }
        }

        foreach (var taskId in taskIds)
        {
            // Reminders and escalation of the old date and office go; the new ones count to the procedure's new due date.
            if (await taskMove.MoveAsync(c, tx, taskId, substitute.Id, newDue, ct) is not { } task)
            {
                continue;
            }

            await CaseJournal.EventAsync(c, tx, row.CaseId, row.ProcedureId, now, "task-substituted",
                $"Attività \"{task.Title}\" passata al titolare del potere sostitutivo ({substitute.Name})"
                + (task.FromClaimant is null ? "" : $"; presa in carico di {task.FromClaimant} rilasciata"), isPublic: false, ct);
            await CaseJournal.AuditAsync(c, tx, now, "task", taskId, "substituted",
                new JsonObject { ["office"] = task.FromOffice, ["claimedBy"] = task.FromClaimant, ["dueAt"] = task.FromDue.ToUniversalTime().ToString("O") },
                new JsonObject { ["office"] = substitute.Id, ["claimedBy"] = null, ["dueAt"] = newDue.ToString("O") }, ct);
        }
    }
}
