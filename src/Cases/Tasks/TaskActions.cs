using System.Security.Claims;
using System.Text.Json.Nodes;
using CaseFlow.ServiceDefaults.Http;
using CaseFlow.Workflows.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace CaseFlow.Cases.Tasks;

public sealed record CompleteTask(string? Outcome, string? Note);

public sealed record HandoffTask(string? Office);

/// <summary>Claim, release, complete and hand off an office task. Completing resumes the workflow at the task's bookmark.</summary>
public static class TaskActions
{
    private sealed record TaskRow(Guid Id, Guid CaseId, string InstanceId, string BookmarkId, string Office, string Status, string? ClaimedBy);

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks/{taskId:guid}").RequireAuthorization(CaseAccess.ReadPolicy).WithTags("Attività d'ufficio");

        group.MapPost("/claim", (Guid taskId, HttpContext http, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct) =>
            ChangeAsync(taskId, http.User, db, clock, "claimed", task => task.ClaimedBy is null || task.ClaimedBy == CaseActor.NameOf(http.User)
                ? ("UPDATE case_tasks SET claimed_by = @actor WHERE id = @id AND status = 'open' AND (claimed_by IS NULL OR claimed_by = @actor)", null)
                : (null, $"Già presa in carico da {task.ClaimedBy}. / Already claimed by {task.ClaimedBy}."), ct));

        group.MapPost("/release", (Guid taskId, HttpContext http, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct) =>
            ChangeAsync(taskId, http.User, db, clock, "released", task => task.ClaimedBy == CaseActor.NameOf(http.User) || CaseAccess.SeesAll(http.User)
                ? ("UPDATE case_tasks SET claimed_by = NULL WHERE id = @id AND status = 'open'", null)
                : (null, "Solo chi l'ha presa in carico (o un supervisore) può rilasciarla. / Only its claimant or a supervisor can release it."), ct));

        group.MapPost("/handoff", (Guid taskId, HandoffTask request, HttpContext http, NpgsqlDataSource db, TimeProvider clock, IOfficeDirectory directory, CancellationToken ct) =>
            directory.FindOffice(request.Office) is null
                ? Task.FromResult(Problems.Validation("office", $"Ufficio sconosciuto '{request.Office}'. / Unknown office."))
                : ChangeAsync(taskId, http.User, db, clock, "handed-off", _ =>
                    ("UPDATE case_tasks SET office = @office, claimed_by = NULL WHERE id = @id AND status = 'open'", null), ct, request.Office));

        group.MapPost("/complete", CompleteAsync);
    }

    private static async Task<IResult> CompleteAsync(Guid taskId, CompleteTask request, HttpContext http, NpgsqlDataSource db, WorkflowRuntime runtime, CancellationToken ct)
    {
        var (task, problem) = await LoadAsync(taskId, http.User, db, ct);
        if (problem is not null)
        {
            return problem;
        }

        var actor = CaseActor.NameOf(http.User);
        if (task!.ClaimedBy is not null && task.ClaimedBy != actor && !CaseAccess.SeesAll(http.User))
        {
            return CaseProblems.Conflict("taskId", $"Presa in carico da {task.ClaimedBy}. / Claimed by {task.ClaimedBy}.");
        }

        using var _ = CaseActor.Use(actor);
        try
        {
            await runtime.ResumeAsync(task.InstanceId, task.BookmarkId, new JsonObject { ["outcome"] = request.Outcome, ["note"] = request.Note }, ct);
        }
        catch (ResumeRejectedException ex)
        {
            return Problems.Validation(ex.Field, ex.Message);
        }
        catch (Exception ex) when (ex is BookmarkNotFoundException or InstanceStateConflictException)
        {
            return CaseProblems.Conflict("taskId", "L'attività è già stata completata. / The task was already completed.");
        }

        return Results.Ok(new { taskId, status = "completed", outcome = request.Outcome });
    }

    private static async Task<IResult> ChangeAsync(Guid taskId, ClaimsPrincipal user, NpgsqlDataSource db, TimeProvider clock, string action,
        Func<TaskRow, (string? Sql, string? Refusal)> decide, CancellationToken ct, string? office = null)
    {
        var (task, problem) = await LoadAsync(taskId, user, db, ct);
        if (problem is not null)
        {
            return problem;
        }

        var (sql, refusal) = decide(task!);
        if (sql is null)
        {
            return CaseProblems.Conflict("taskId", refusal!);
        }

        using var _ = CaseActor.Use(user);
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (await Db.ExecAsync(connection, transaction, sql, ct, ("id", taskId), ("actor", CaseActor.Name), ("office", office)) != 1)
        {
            return CaseProblems.Conflict("taskId", "L'attività è cambiata nel frattempo. / The task changed meanwhile.");
        }

        var after = await Db.JsonRowsAsync(connection, transaction, "SELECT json_build_object('office', office, 'claimedBy', claimed_by)::text FROM case_tasks WHERE id = @id", ct, ("id", taskId));
        await CaseJournal.AuditAsync(connection, transaction, now, "task", taskId, action,
            new JsonObject { ["office"] = task!.Office, ["claimedBy"] = task.ClaimedBy }, after[0], ct);
        await CaseJournal.EventAsync(connection, transaction, task.CaseId, null, now, "task-" + action,
            action == "handed-off" ? $"Attività passata all'ufficio {after[0]["office"]}" : $"Attività {(action == "claimed" ? "presa in carico" : "rilasciata")}", isPublic: false, ct);
        await transaction.CommitAsync(ct);
        return Results.Ok(new { taskId, office = after[0]["office"]?.GetValue<string>(), claimedBy = after[0]["claimedBy"]?.GetValue<string>() });
    }

    private static async Task<(TaskRow? Task, IResult? Problem)> LoadAsync(Guid taskId, ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var command = Db.Command(connection, null,
            "SELECT id, case_id, instance_id, bookmark_id, office, status, claimed_by FROM case_tasks WHERE id = @id", ("id", taskId));
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return (null, Problems.NotFound("taskId", "Nessuna attività con questo id. / No task with this id."));
        }

        var task = new TaskRow(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
            reader.IsDBNull(6) ? null : reader.GetString(6));
        if (!CaseAccess.WorksFor(user, task.Office))
        {
            return (null, CaseProblems.Forbidden("taskId", "L'attività è di un altro ufficio. / The task belongs to another office."));
        }

        return task.Status == "open"
            ? (task, null)
            : (null, CaseProblems.Conflict("taskId", $"L'attività non è più aperta ({task.Status}). / The task is no longer open."));
    }
}
