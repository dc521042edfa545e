using System.Security.Claims;
using CaseFlow.ServiceDefaults.Outcomes;
using CaseFlow.Workflows.Definitions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CaseFlow.Cases.Tasks;

/// <summary>Where the procedure stands after a task: its status (and final outcome) and the steps now open.</summary>
public sealed record ProcedureNext(string Status, string? Outcome, IReadOnlyList<CurrentStep> OpenSteps)
{
    public bool Closed => OpenSteps.Count == 0 && Status is not "open";
}

/// <summary>
/// One office task as its officer works it: the task, the procedure's sheet (of the version the case runs), each outcome
/// with what it leads to, and the case as <see cref="CaseFileReader"/> lets this person see it (an officer: the
/// procedures of their offices).
/// </summary>
public sealed record TaskView(
    Guid TaskId, Guid CaseId, Guid ProcedureRowId, string Office, string Title, string? Instructions, IReadOnlyList<TaskOutcome> Outcomes,
    string Status, string? ClaimedBy, DateTimeOffset CreatedAt, DateTimeOffset DueDate, bool Overdue, bool DueSoon,
    string? Outcome, string? Note, string? ClosedBy, DateTimeOffset? ClosedAt, ProcedureSheet? Sheet, CaseFileView Case)
{
    public bool Open => Status == "open";

    public CaseProcedure Procedure => Case.Procedures.First(p => p.Id == ProcedureRowId);

    /// <summary>The intake form of the version the case runs, so the page names the application's data by its labels.</summary>
    public Procedures.Forms.IntakeForm Form { get; init; } = Procedures.Forms.IntakeForm.None;

    public ProcedureNext Next => new(Procedure.Status, Procedure.Outcome, Procedure.CurrentSteps);
}

/// <summary>
/// Reads a task for the task page. Only people who work for the task's office may open it (supervisors and admins
/// all); what they see of the case is the case file's own scoping (<see cref="CaseAccess.VisibleProceduresAsync"/>).
/// </summary>
public sealed class TaskReader(NpgsqlDataSource dataSource, CaseFileReader cases, DefinitionStore definitions, TimeProvider clock, IOptions<CasesOptions> options)
{
    private sealed record Row(Guid CaseId, Guid ProcedureRowId, string? ActivityId, string Office, string Title, string? Instructions, string[] Outcomes,
        string Status, string? ClaimedBy, DateTimeOffset CreatedAt, DateTimeOffset DueAt, string? Outcome, string? Note, string? ClosedBy,
        DateTimeOffset? ClosedAt, string ProcedureId, int Version);

    public async Task<Outcome<TaskView>> GetAsync(Guid taskId, ClaimsPrincipal user, CancellationToken ct)
    {
        var row = await FindAsync(taskId, ct);
        if (row is null)
        {
            return Problem.NotFound("taskId", "Nessuna attività con questo id. / No task with this id.");
        }

        if (!CaseAccess.WorksFor(user, row.Office))
        {
            return Problem.Forbidden("taskId", "L'attività è di un altro ufficio. / The task belongs to another office.");
        }

        var file = await cases.GetAsync(row.CaseId, user, ct);
        if (!file.Succeeded)
        {
            return file.Problem;
        }

        var definition = await definitions.FindAsync(row.ProcedureId, new VersionOptions("Specific", row.Version), ct);
        var now = clock.GetUtcNow();
        var soon = now.AddDays(options.Value.DueSoonDays);
        return new TaskView(taskId, row.CaseId, row.ProcedureRowId, row.Office, row.Title, row.Instructions, TaskOutcomes.Of(definition, row.ActivityId, row.Outcomes),
            row.Status, row.ClaimedBy, row.CreatedAt, row.DueAt, row.Status == "open" && row.DueAt < now, row.Status == "open" && row.DueAt >= now && row.DueAt <= soon,
            row.Outcome, row.Note, row.ClosedBy, row.ClosedAt, definition is null ? null : ProcedureSheet.Of(definition), file.Value)
        {
            Form = definition is null ? Procedures.Forms.IntakeForm.None : Procedures.Forms.IntakeForm.Of(definition),
        };
    }

    private async Task<Row?> FindAsync(Guid taskId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var command = Db.Command(connection, null, """
            SELECT t.case_id, t.procedure_id, t.activity_id, t.office, t.title, t.instructions, t.outcomes, t.status, t.claimed_by, t.created_at, t.due_at,
                   t.outcome, t.note, t.closed_by, t.closed_at, p.procedure_id, p.version
            FROM case_tasks t JOIN case_procedures p ON p.id = t.procedure_id WHERE t.id = @id
            """, ("id", taskId));
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        return new Row(reader.GetGuid(0), reader.GetGuid(1), Text(2), reader.GetString(3), reader.GetString(4), Text(5), reader.GetFieldValue<string[]>(6),
            reader.GetString(7), Text(8), reader.GetFieldValue<DateTimeOffset>(9), reader.GetFieldValue<DateTimeOffset>(10), Text(11), Text(12), Text(13),
            reader.IsDBNull(14) ? null : reader.GetFieldValue<DateTimeOffset>(14), reader.GetString(15), reader.GetInt32(16));
    }
}
