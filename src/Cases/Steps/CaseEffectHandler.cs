using System.Text.Json.Nodes;
using CaseFlow.Workflows.Runtime;
using Npgsql;

namespace CaseFlow.Cases.Steps;

/// <summary>
/// Keeps the case in step with its workflow instances, inside each step's transaction: office tasks open and close
/// with their bookmarks, the clock stops for integrations, the final act closes the procedure (and the case).
/// Instances that are not procedures of a case are left alone.
/// </summary>
internal sealed class CaseEffectHandler(CaseClock caseClock, IOfficeDirectory directory, CaseSignals signals, DeadlineSchedule deadlines) : IWorkflowEffectHandler
{
    public async Task HandleAsync(WorkflowEffectContext context, CancellationToken ct)
    {
        if (context.Effects.Count == 0)
        {
            return;
        }

        // A sub-procedure (a child instance) is part of its root's procedure: its office tasks, clock signals and final act are the case's.
        var procedure = await CaseProcedureRow.FindAsync(context.Connection, context.Transaction, context.Instance.RootId, ct);
        if (procedure is null)
        {
            return;
        }

        foreach (var effect in context.Effects)
        {
            switch (effect)
            {
                case BookmarkCreated { Bookmark.Kind: OfficeTask.BookmarkKind } created:
                    await OpenTaskAsync(context, procedure, created.Bookmark, ct);
                    break;
                case BookmarkRemoved { Bookmark.Kind: OfficeTask.BookmarkKind } removed:
                    await CloseTaskAsync(context, procedure, removed, ct);
                    break;
                case ActivitySignal signal:
                    await signals.HandleAsync(context, procedure, signal, ct);
                    break;
                case InstanceFinished when context.Instance.ParentInstanceId is not null:
                    // A sub-procedure ending hands its outcome to the parent, which goes on: the procedure is not over.
                    break;
                case InstanceFinished finished:
                    await signals.FinishedAsync(context, procedure, finished.SubStatus, ct);
                    break;
                case InstanceFaulted faulted:
                    await CaseJournal.EventAsync(context.Connection, context.Transaction, procedure.CaseId, procedure.Id, context.Now, "fault",
                        $"Errore nel flusso ({faulted.ActivityId}): {faulted.Message}", isPublic: false, ct);
                    break;
            }
        }
    }

    private async Task OpenTaskAsync(WorkflowEffectContext context, CaseProcedureRow procedure, StoredBookmark bookmark, CancellationToken ct)
    {
        var payload = bookmark.Payload;
        var officeId = payload["office"]?.GetValue<string>() ?? procedure.Office;
        // Under the substitute power (art. 2 c.9-bis) the agency's own steps go to the substitute office; another agency keeps its steps.
        if (procedure.UnderSubstitute && directory.FindOffice(officeId)?.AgencyId is var agency && (agency is null || agency == procedure.Agency))
        {
            officeId = procedure.Office;
        }

        var office = directory.FindOffice(officeId);
        var term = payload["term"]?.GetValue<string>();
        var dueAt = caseClock.DueAt(context.Now, term, office?.AgencyId ?? procedure.Agency);
        var title = payload["title"]?.GetValue<string>() ?? bookmark.ActivityId;
        var outcomes = (payload["outcomes"] as JsonArray)?.Select(o => o!.GetValue<string>()).ToArray() ?? [];
        var taskId = Guid.CreateVersion7();
        await Db.ExecAsync(context.Connection, context.Transaction, """
            INSERT INTO case_tasks (id, case_id, procedure_id, instance_id, bookmark_id, activity_id, office, title, instructions, outcomes, term, created_at, due_at, status)
            VALUES (@id, @case, @procedure, @instance, @bookmark, @activity, @office, @title, @instructions, @outcomes, @term, @now, @due, 'open')
            """, ct, ("id", taskId), ("activity", bookmark.ActivityId), ("case", procedure.CaseId), ("procedure", procedure.Id), ("instance", context.Instance.Id), ("bookmark", bookmark.Id),
            ("office", officeId), ("title", title), ("instructions", payload["instructions"]?.GetValue<string>()), ("outcomes", outcomes), ("term", term),
            ("now", context.Now), ("due", dueAt));
        await deadlines.StepAsync(context.Connection, context.Transaction, procedure.CaseId, procedure.Id, taskId, officeId, dueAt, ct);
        var officeName = office?.Name ?? officeId;
        await CaseJournal.EventAsync(context.Connection, context.Transaction, procedure.CaseId, procedure.Id, context.Now, "step-opened",
            $"{procedure.Name}: \"{title}\" presso {officeName}", isPublic: true, ct);
        await CaseJournal.AuditAsync(context.Connection, context.Transaction, context.Now, "task", taskId, "opened", null,
            new JsonObject { ["status"] = "open", ["office"] = officeId, ["dueAt"] = dueAt.ToString("O") }, ct);
        if (procedure.InIntake)
        {
            // The notice of start, queued first in this same transaction, already tells the citizen where the case is.
            return;
        }

        await signals.MessageAsync(context, procedure, "step-advanced", $"La pratica \"{procedure.Name}\" è ora presso {officeName}: {title}.",
            new JsonObject { ["step_name"] = title, ["office_name"] = officeName }, $"step:{taskId}", ct);
    }

    private static async Task CloseTaskAsync(WorkflowEffectContext context, CaseProcedureRow procedure, BookmarkRemoved removed, CancellationToken ct)
    {
        var status = removed.Resumed ? "completed" : "cancelled";
        var note = removed.ResumeInput?["note"]?.GetValue<string>();
        await using var command = Db.Command(context.Connection, context.Transaction, """
            UPDATE case_tasks SET status = @status, note = @note, closed_by = @actor, closed_at = @now,
                -- A task offering one outcome takes it when none is given, as the OfficeTask activity does.
                outcome = CASE WHEN @status = 'completed' THEN coalesce(@outcome, CASE WHEN cardinality(outcomes) = 1 THEN outcomes[1] END) END
            WHERE bookmark_id = @bookmark AND status = 'open'
            RETURNING id, title, outcome
            """, ("status", status), ("outcome", removed.ResumeInput?["outcome"]?.GetValue<string>()), ("note", note), ("actor", CaseActor.Name), ("now", context.Now), ("bookmark", removed.Bookmark.Id));
        Guid taskId;
        string title;
        string? outcome;
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct))
            {
                return;
            }

            (taskId, title, outcome) = (reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
        }

        await DeadlineSchedule.CloseTaskAsync(context.Connection, context.Transaction, taskId, ct);

        await CaseJournal.EventAsync(context.Connection, context.Transaction, procedure.CaseId, procedure.Id, context.Now, "step-" + status,
            removed.Resumed ? $"{procedure.Name}: \"{title}\" completato con esito \"{outcome}\"" : $"{procedure.Name}: \"{title}\" annullato", isPublic: true, ct);
        await CaseJournal.AuditAsync(context.Connection, context.Transaction, context.Now, "task", taskId, status,
            new JsonObject { ["status"] = "open" }, new JsonObject { ["status"] = status, ["outcome"] = outcome, ["note"] = note }, ct);
    }
}

/// <summary>The case procedure a workflow instance runs, locked for the step.</summary>
/// <param name="InIntake">The step runs in the transaction of the intake that started the case (<see cref="NoticeOfStart.IntakeSetting"/>).</param>
/// <param name="Concluded">The procedure already ended (a final act, silence-assent): nothing may conclude it again.</param>
internal sealed record CaseProcedureRow(Guid Id, Guid CaseId, string Name, string Agency, string Office, string Term, string Status, JsonArray ClockEvents,
    DateTimeOffset ReceivedAt, string ProtocolNumber, bool MultipleSuspensions, DateTimeOffset? SubstituteSince, bool InIntake = false, bool Concluded = false)
{
    /// <summary>The procedure passed to the holder of the substitute power (art. 2 c.9-bis).</summary>
    public bool UnderSubstitute => SubstituteSince is not null;

    public static async Task<CaseProcedureRow?> FindAsync(NpgsqlConnection c, NpgsqlTransaction tx, string instanceId, CancellationToken ct)
    {
        await using var command = Db.Command(c, tx, """
            SELECT p.id, p.case_id, p.name, p.agency, p.office, p.term, p.status, p.clock_events::text, k.received_at, p.protocol_number, p.multiple_suspensions,
                   p.substitute_since, current_setting(@intake, true) IS NOT DISTINCT FROM p.case_id::text, p.closed_at IS NOT NULL
            FROM case_procedures p JOIN cases k ON k.id = p.case_id WHERE p.instance_id = @instance FOR UPDATE OF p
            """, ("instance", instanceId), ("intake", NoticeOfStart.IntakeSetting));
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new CaseProcedureRow(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.GetString(6), JsonNode.Parse(reader.GetString(7))!.AsArray(), reader.GetFieldValue<DateTimeOffset>(8), reader.GetString(9), reader.GetBoolean(10),
                reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11), reader.GetBoolean(12), reader.GetBoolean(13))
            : null;
    }
}
