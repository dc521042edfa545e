using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CaseFlow.Cases.Tasks;

/// <summary>An open task in an office's queue.</summary>
public sealed record OfficeTaskItem(
    Guid TaskId, Guid CaseId, string Office, string Title, string? Instructions, string[] Outcomes, string Procedure, string ProtocolNumber,
    DateTimeOffset CreatedAt, DateTimeOffset DueDate, string? ClaimedBy, bool Overdue, bool DueSoon);

/// <summary><c>GET /api/offices/{office}/tasks</c>: the office's open tasks, most urgent first.</summary>
public static class OfficeTaskList
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/offices/{office}/tasks", async (string office, HttpContext http, NpgsqlDataSource dataSource, TimeProvider clock,
                IOptions<CasesOptions> options, CancellationToken ct) =>
            {
                if (!CaseAccess.WorksFor(http.User, office))
                {
                    return CaseProblems.Forbidden("office", $"Non si lavora per l'ufficio '{office}'. / You do not work for office '{office}'.");
                }

                var now = clock.GetUtcNow();
                var soon = now.AddDays(options.Value.DueSoonDays);
                await using var connection = await dataSource.OpenConnectionAsync(ct);
                await using var command = Db.Command(connection, null, """
                    SELECT t.id, t.case_id, t.office, t.title, t.instructions, t.outcomes, p.name, p.protocol_number, t.created_at, t.due_at, t.claimed_by
                    FROM case_tasks t JOIN case_procedures p ON p.id = t.procedure_id
                    WHERE t.office = @office AND t.status = 'open' ORDER BY t.due_at, t.created_at
                    """, ("office", office));
                await using var reader = await command.ExecuteReaderAsync(ct);
                var tasks = new List<OfficeTaskItem>();
                while (await reader.ReadAsync(ct))
                {
                    var due = reader.GetFieldValue<DateTimeOffset>(9);
                    tasks.Add(new OfficeTaskItem(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3),
                        reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetFieldValue<string[]>(5), reader.GetString(6), reader.GetString(7),
                        reader.GetFieldValue<DateTimeOffset>(8), due, reader.IsDBNull(10) ? null : reader.GetString(10), due < now, due >= now && due <= soon));
                }

                return Results.Ok(tasks);
            })
            .RequireAuthorization(CaseAccess.ReadPolicy).WithTags("Attività d'ufficio");
}
