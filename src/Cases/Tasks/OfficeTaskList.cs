using System.Security.Claims;
using CaseFlow.ServiceDefaults.Http;
using CaseFlow.ServiceDefaults.Outcomes;
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

/// <summary>
/// Which tasks of an office: every filter optional. <paramref name="Procedure"/> is a procedure id; <paramref name="Claim"/> is
/// <c>mine</c> (claimed by the person asking) or <c>unclaimed</c>; <paramref name="After"/> the cursor of the previous page.
/// </summary>
public sealed record QueueQuery(string Office, string? Procedure = null, bool Overdue = false, bool DueSoon = false, string? Claim = null,
    DateTimeOffset? DueBefore = null, int? Limit = null, string? After = null);

public sealed record QueuePage(IReadOnlyList<OfficeTaskItem> Items, string? Next);

/// <summary>An office's open tasks, most urgent first, paged by (due date, id) on an index of open tasks.</summary>
public sealed class OfficeQueue(NpgsqlDataSource dataSource, TimeProvider clock, IOptions<CasesOptions> options)
{
    public const int MaxPage = 200;

    public async Task<Outcome<QueuePage>> ListAsync(QueueQuery query, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!CaseAccess.WorksFor(user, query.Office))
        {
            return Problem.Forbidden("office", $"Non si lavora per l'ufficio '{query.Office}'. / You do not work for office '{query.Office}'.");
        }

        if (query.Claim is not (null or "mine" or "unclaimed"))
        {
            return Problem.Validation("claim", "Il filtro è 'mine' o 'unclaimed'. / The filter is 'mine' or 'unclaimed'.");
        }

        if (query.Limit is < 1 or > MaxPage)
        {
            return Problem.Validation("limit", $"Da 1 a {MaxPage} attività per pagina. / From 1 to {MaxPage} tasks a page.");
        }

        if (!PageCursor.TryRead(query.After, out var after))
        {
            return Problem.Validation("after", "Cursore di pagina non valido. / Invalid page cursor.");
        }

        var now = clock.GetUtcNow();
        var soon = now.AddDays(options.Value.DueSoonDays);
        var limit = query.Limit ?? MaxPage;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var command = Db.Command(connection, null, """
            SELECT t.id, t.case_id, t.office, t.title, t.instructions, t.outcomes, p.name, p.protocol_number, t.created_at, t.due_at, t.claimed_by
            FROM case_tasks t JOIN case_procedures p ON p.id = t.procedure_id
            WHERE t.office = @office AND t.status = 'open'
              AND (@procedure::text IS NULL OR p.procedure_id = @procedure::text)
              AND (NOT @overdue OR t.due_at < @now)
              AND (NOT @dueSoon OR (t.due_at >= @now AND t.due_at <= @soon))
              AND (@dueBefore::timestamptz IS NULL OR t.due_at < @dueBefore::timestamptz)
              AND (@claim::text IS NULL OR (@claim::text = 'mine' AND t.claimed_by = @me) OR (@claim::text = 'unclaimed' AND t.claimed_by IS NULL))
              AND (@afterAt::timestamptz IS NULL OR (t.due_at, t.id) > (@afterAt::timestamptz, @afterId::uuid))
            ORDER BY t.due_at, t.id LIMIT @take
            """, ("office", query.Office), ("procedure", query.Procedure), ("overdue", query.Overdue), ("dueSoon", query.DueSoon), ("now", now), ("soon", soon),
            ("dueBefore", query.DueBefore), ("claim", query.Claim), ("me", CaseActor.NameOf(user)), ("afterAt", after?.At), ("afterId", after?.Id), ("take", limit + 1));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var tasks = new List<OfficeTaskItem>();
        while (await reader.ReadAsync(ct))
        {
            var due = reader.GetFieldValue<DateTimeOffset>(9);
            tasks.Add(new OfficeTaskItem(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetFieldValue<string[]>(5), reader.GetString(6), reader.GetString(7),
                reader.GetFieldValue<DateTimeOffset>(8), due, reader.IsDBNull(10) ? null : reader.GetString(10), due < now, due >= now && due <= soon));
        }

        var next = tasks.Count > limit
            ? PageCursor.Write(new System.Text.Json.Nodes.JsonObject { ["at"] = tasks[limit - 1].DueDate.ToUniversalTime(), ["id"] = tasks[limit - 1].TaskId })
            : null;
        return new QueuePage([.. tasks.Take(limit)], next);
    }
}

/// <summary>
/// <c>GET /api/offices/{office}/tasks?procedure=&amp;overdue=&amp;dueSoon=&amp;claim=mine|unclaimed&amp;dueBefore=&amp;limit=&amp;after=</c>:
/// the page's tasks, most urgent first; the next page in <c>Link</c> / <c>X-Next-Cursor</c>.
/// </summary>
public static class OfficeTaskList
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/offices/{office}/tasks", async (string office, string? procedure, bool? overdue, bool? dueSoon, string? claim, DateTimeOffset? dueBefore,
                int? limit, string? after, HttpContext http, OfficeQueue queue, CancellationToken ct) =>
                (await queue.ListAsync(new QueueQuery(office, procedure, overdue ?? false, dueSoon ?? false, claim, dueBefore, limit, after), http.User, ct))
                    .ToHttp(page =>
                    {
                        PageCursor.AddNextLink(http, page.Next);
                        return Results.Ok(page.Items);
                    }))
            .RequireAuthorization(CaseAccess.ReadPolicy).WithTags("Attività d'ufficio");
}
