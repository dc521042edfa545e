using System.Security.Claims;
using System.Text.Json;
using CaseFlow.ServiceDefaults.Http;
using CaseFlow.ServiceDefaults.Outcomes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace CaseFlow.Cases.CaseFile;

/// <summary>What to look for; every field optional. <paramref name="After"/> is the cursor of the previous page.</summary>
public sealed record CaseQuery(string? FiscalCode = null, string? Protocol = null, string? Status = null, string? Office = null, int? Limit = null, string? After = null);

public sealed record CaseSummaryProcedure(string ProcedureId, string Name, string Status, DateTimeOffset DueDate);

public sealed record CaseSummary(Guid Id, string ProtocolNumber, string TrackingCode, string Status, DateTimeOffset ReceivedAt, string FiscalCode,
    string FirstName, string LastName, IReadOnlyList<CaseSummaryProcedure>? Procedures);

/// <summary>One page of cases, newest first; <see cref="Next"/> is the cursor of the following page, null on the last.</summary>
public sealed record CasePage(IReadOnlyList<CaseSummary> Items, string? Next);

/// <summary>Finds cases, newest first, paged by (created_at, id); officers see their offices' cases only.</summary>
public sealed class CaseSearch(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public const int MaxPage = 200;
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public async Task<Outcome<CasePage>> FindAsync(CaseQuery query, ClaimsPrincipal user, CancellationToken ct)
    {
        if (query.Status is not (null or "open" or "closed"))
        {
            return Problem.Validation("status", "Lo stato è 'open' o 'closed'. / The status is 'open' or 'closed'.");
        }

        if (query.Limit is < 1 or > MaxPage)
        {
            return Problem.Validation("limit", $"Da 1 a {MaxPage} pratiche per pagina. / From 1 to {MaxPage} cases a page.");
        }

        if (!PageCursor.TryRead(query.After, out var after))
        {
            return Problem.Validation("after", "Cursore di pagina non valido. / Invalid page cursor.");
        }

        var limit = query.Limit ?? MaxPage;
        var offices = CaseAccess.OfficeFilter(user);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await Db.JsonRowsAsync(connection, null, $"""
            SELECT json_build_object('id', k.id, 'protocolNumber', k.protocol_number, 'trackingCode', k.tracking_code, 'status', k.status,
                'receivedAt', k.received_at, 'fiscalCode', k.fiscal_code, 'firstName', k.citizen->>'firstName', 'lastName', k.citizen->>'lastName',
                'procedures', (SELECT json_agg(json_build_object('procedureId', p.procedure_id, 'name', p.name, 'status', p.status, 'dueDate', p.due_at))
                    FROM case_procedures p WHERE p.case_id = k.id),
                'cursor', json_build_object('at', k.created_at, 'id', k.id))::text
            FROM cases k
            WHERE (@fiscal::text IS NULL OR k.fiscal_code = upper(@fiscal::text))
              AND (@protocol::text IS NULL OR k.protocol_number = @protocol::text
                   OR EXISTS (SELECT 1 FROM protocol_entries r WHERE r.case_id = k.id AND r.number = @protocol::text))
              AND (@status::text IS NULL OR k.status = @status::text)
              AND (@office::text IS NULL OR EXISTS (SELECT 1 FROM case_procedures p WHERE p.case_id = k.id AND p.office = @office::text)
                   OR EXISTS (SELECT 1 FROM case_tasks t WHERE t.case_id = k.id AND t.office = @office::text))
              AND (@afterAt::timestamptz IS NULL OR (k.created_at, k.id) < (@afterAt::timestamptz, @afterId::uuid))
              {(offices is null ? "" : "AND " + CaseAccess.InvolvesOffices)}
            ORDER BY k.created_at DESC, k.id DESC LIMIT @take
            """, ct, ("fiscal", query.FiscalCode?.Trim()), ("protocol", query.Protocol?.Trim()), ("status", query.Status), ("office", query.Office),
            ("offices", offices), ("afterAt", after?.At), ("afterId", after?.Id), ("take", limit + 1));
        var items = rows.Take(limit).Select(r => r.Deserialize<CaseSummary>(Web)!).ToList();
        if (!string.IsNullOrWhiteSpace(query.FiscalCode))
        {
            // A search for a person is a read of each of their cases found (and of none, when nothing matched).
            var detail = $"ricerca per codice fiscale {query.FiscalCode.Trim().ToUpperInvariant()}";
            await CaseReads.RecordAllAsync(connection, user, [.. items.Select(i => i.Id)], "search", detail, clock.GetUtcNow(), ct);
        }

        var next = rows.Count > limit ? PageCursor.Write(rows[limit - 1]["cursor"]!) : null;
        return new CasePage(items, next);
    }
}

/// <summary>
/// <c>GET /api/cases?fiscalCode=&amp;protocol=&amp;status=&amp;office=&amp;limit=&amp;after=</c> and <c>POST /api/cases/search</c> (the same
/// query in the body, so a fiscal code never travels in a URL or an access log). The body is the page's items; the
/// next page is in the <c>Link</c> header (<c>rel="next"</c>) and in <c>X-Next-Cursor</c>.
/// </summary>
public static class SearchCases
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/cases", (string? fiscalCode, string? protocol, string? status, string? office, int? limit, string? after, HttpContext http,
                CaseSearch search, CancellationToken ct) => FindAsync(new CaseQuery(fiscalCode, protocol, status, office, limit, after), http, search, ct))
            .RequireAuthorization(CaseAccess.ReadPolicy).WithTags("Pratiche");
        app.MapPost("/api/cases/search", (CaseQuery query, HttpContext http, CaseSearch search, CancellationToken ct) => FindAsync(query, http, search, ct))
            .RequireAuthorization(CaseAccess.ReadPolicy).WithTags("Pratiche").WithSummary("Cerca pratiche (dati personali nel corpo, non nell'URL).");
    }

    private static async Task<IResult> FindAsync(CaseQuery query, HttpContext http, CaseSearch search, CancellationToken ct) =>
        (await search.FindAsync(query, http.User, ct)).ToHttp(page =>
        {
            PageCursor.AddNextLink(http, page.Next);
            return Results.Ok(page.Items);
        });
}
