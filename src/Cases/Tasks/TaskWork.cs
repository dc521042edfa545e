using System.Security.Claims;
using System.Text.Json.Nodes;
using CaseFlow.ServiceDefaults.Outcomes;
using CaseFlow.Workflows.Runtime;
using Npgsql;

namespace CaseFlow.Cases.Tasks;

/// <summary>Who holds a task after a claim, a release or a hand-off.</summary>
public sealed record TaskState(Guid TaskId, string Office, string? ClaimedBy);

/// <summary>A completed task and the outcome it took (the only one offered, when the officer gave none).</summary>
public sealed record TaskCompleted(Guid TaskId, string Status, string? Outcome);

/// <summary>
/// An officer's work on one office task: claim, release, hand off to another office, complete with an outcome.
/// Completing resumes the workflow at the task's bookmark; the step's effects are applied in the same transaction.
/// </summary>
public sealed class TaskWork(NpgsqlDataSource dataSource, TimeProvider clock, WorkflowRuntime runtime, IOfficeDirectory directory, TaskMove taskMove)
{
    private sealed record TaskRow(Guid Id, Guid CaseId, string InstanceId, string BookmarkId, string Office, string Status, string? ClaimedBy, string[] Outcomes);

    public async Task<Outcome<TaskState>> ClaimAsync(Guid taskId, ClaimsPrincipal user, CancellationToken ct)
    {
        var actor = CaseActor.NameOf(user);
        return await ChangeAsync(taskId, user, "claimed", task => task.ClaimedBy is null || task.ClaimedBy == actor
            ? null
            : $"Già presa in carico da {task.ClaimedBy}. / Already claimed by {task.ClaimedBy}.",
            (c, tx, _) => Db.ExecAsync(c, tx, "UPDATE case_tasks SET claimed_by = @actor WHERE id = @id AND status = 'open' AND (claimed_by IS NULL OR claimed_by = @actor)",
                ct, ("id", taskId), ("actor", actor)), "Attività presa in carico", ct);
    }

    public async Task<Outcome<TaskState>> ReleaseAsync(Guid taskId, ClaimsPrincipal user, CancellationToken ct)
    {
        var actor = CaseActor.NameOf(user);
        return await ChangeAsync(taskId, user, "released", task => task.ClaimedBy == actor || CaseAccess.SeesAll(user)
            ? null
            : "Solo chi l'ha presa in carico (o un supervisore) può rilasciarla. / Only its claimant or a supervisor can release it.",
            (c, tx, _) => Db.ExecAsync(c, tx, "UPDATE case_tasks SET claimed_by = NULL WHERE id = @id AND status = 'open'", ct, ("id", taskId)),
            "Attività rilasciata", ct);
    }

    /// <summary>Moves the task to another office's queue, unclaimed, with its reminders and escalation.</summary>
    public async Task<Outcome<TaskState>> HandOffAsync(Guid taskId, string? office, string? reason, ClaimsPrincipal user, CancellationToken ct)
    {
        if (directory.FindOffice(office) is not { } target)
        {
            return Problem.Validation("office", $"Ufficio sconosciuto '{office}'. / Unknown office.");
        }

        // The receiving office and the timeline must say why the work moved: the same rule for the page and the API.
        if (reason?.Trim() is not { Length: >= 3 and <= 500 } because)
        {
            return Problem.Validation("reason", "Indicare il motivo del passaggio (3-500 caratteri). / Give the reason for the hand-off (3-500 characters).");
        }

        return await ChangeAsync(taskId, user, "handed-off", _ => null,
            async (c, tx, _) => await taskMove.MoveAsync(c, tx, taskId, target.Id, null, ct) is null ? 0 : 1,
            $"Attività passata all'ufficio {target.Id} ({because})", ct);
    }

    public async Task<Outcome<TaskCompleted>> CompleteAsync(Guid taskId, string? outcome, string? note, ClaimsPrincipal user, CancellationToken ct)
    {
        var actor = CaseActor.NameOf(user);
        using var _ = CaseActor.Use(actor);
        // The task is read and the step run in one unit of work: one round trip to begin, one commit, and a task that
        // changed between the check and the step is impossible (the step locks the instance that owns the task).
        await using var work = await UnitOfWork.BeginAsync(dataSource, clock, actor, ct);
        var (task, problem) = await LoadAsync(work.Connection, work.Transaction, taskId, user, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (task!.ClaimedBy is not null && task.ClaimedBy != actor && !CaseAccess.SeesAll(user))
        {
            return Problem.Conflict("taskId", $"Presa in carico da {task.ClaimedBy}. / Claimed by {task.ClaimedBy}.");
        }

        try
        {
            await runtime.ResumeAsync(work, task.InstanceId, task.BookmarkId, new JsonObject { ["outcome"] = outcome, ["note"] = note }, ct);
            await work.CommitAsync(ct);
        }
        catch (ResumeRejectedException ex)
        {
            return Problem.Validation(ex.Field, ex.Message);
        }
        catch (Exception ex) when (ex is BookmarkNotFoundException or InstanceStateConflictException)
        {
            return Problem.Conflict("taskId", "L'attività è già stata completata. / The task was already completed.");
        }

        // The activity took the only outcome offered when none was given; the case recorded the same.
        return new TaskCompleted(taskId, "completed", outcome ?? (task.Outcomes.Length == 1 ? task.Outcomes[0] : null));
    }

    private async Task<Outcome<TaskState>> ChangeAsync(Guid taskId, ClaimsPrincipal user, string action, Func<TaskRow, string?> refuse,
        Func<NpgsqlConnection, NpgsqlTransaction, TaskRow, Task<int>> change, string timeline, CancellationToken ct)
    {
        var (task, problem) = await LoadAsync(taskId, user, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (refuse(task!) is { } refusal)
        {
            return Problem.Conflict("taskId", refusal);
        }

        using var _ = CaseActor.Use(user);
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (await change(connection, transaction, task!) != 1)
        {
            return Problem.Conflict("taskId", "L'attività è cambiata nel frattempo. / The task changed meanwhile.");
        }

        var after = await Db.JsonRowsAsync(connection, transaction, "SELECT json_build_object('office', office, 'claimedBy', claimed_by)::text FROM case_tasks WHERE id = @id", ct, ("id", taskId));
        await CaseJournal.AuditAsync(connection, transaction, now, "task", taskId, action,
            new JsonObject { ["office"] = task!.Office, ["claimedBy"] = task.ClaimedBy }, after[0], ct);
        await CaseJournal.EventAsync(connection, transaction, task.CaseId, null, now, "task-" + action, timeline, isPublic: false, ct);
        await transaction.CommitAsync(ct);
        return new TaskState(taskId, after[0]["office"]!.GetValue<string>(), after[0]["claimedBy"]?.GetValue<string>());
    }

    private async Task<(TaskRow? Task, Problem? Problem)> LoadAsync(Guid taskId, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await LoadAsync(connection, null, taskId, user, ct);
    }

    private static async Task<(TaskRow? Task, Problem? Problem)> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid taskId, ClaimsPrincipal user,
        CancellationToken ct)
    {
        await using var command = Db.Command(connection, transaction,
            "SELECT id, case_id, instance_id, bookmark_id, office, status, claimed_by, outcomes FROM case_tasks WHERE id = @id", ("id", taskId));
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return (null, Problem.NotFound("taskId", "Nessuna attività con questo id. / No task with this id."));
        }

        var task = new TaskRow(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
            reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetFieldValue<string[]>(7));
        if (!CaseAccess.WorksFor(user, task.Office))
        {
            return (null, Problem.Forbidden("taskId", "L'attività è di un altro ufficio. / The task belongs to another office."));
        }

        return task.Status == "open"
            ? (task, null)
            : (null, Problem.Conflict("taskId", $"L'attività non è più aperta ({task.Status}). / The task is no longer open."));
    }
}
