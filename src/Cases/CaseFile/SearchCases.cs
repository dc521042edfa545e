using CaseFlow.ServiceDefaults.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace CaseFlow.Cases.CaseFile;

/// <summary><c>GET /api/cases?fiscalCode=&amp;protocol=&amp;status=&amp;office=</c>: newest first, at most 200; officers see their offices' cases only.</summary>
public static class SearchCases
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/cases", async (string? fiscalCode, string? protocol, string? status, string? office, HttpContext http, NpgsqlDataSource db, CancellationToken ct) =>
            {
                if (status is not (null or "open" or "closed"))
                {
                    return Problems.Validation("status", "Lo stato è 'open' o 'closed'. / The status is 'open' or 'closed'.");
                }

                var offices = CaseAccess.OfficeFilter(http.User);
                await using var connection = await db.OpenConnectionAsync(ct);
                var rows = await Db.JsonRowsAsync(connection, null, $"""
                    SELECT json_build_object('id', k.id, 'protocolNumber', k.protocol_number, 'trackingCode', k.tracking_code, 'status', k.status,
                        'receivedAt', k.received_at, 'fiscalCode', k.fiscal_code, 'firstName', k.citizen->>'firstName', 'lastName', k.citizen->>'lastName',
                        'procedures', (SELECT json_agg(json_build_object('procedureId', p.procedure_id, 'name', p.name, 'status', p.status, 'dueDate', p.due_at))
                            FROM case_procedures p WHERE p.case_id = k.id))::text
                    FROM cases k
                    WHERE (@fiscal::text IS NULL OR k.fiscal_code = upper(@fiscal::text))
                      AND (@protocol::text IS NULL OR k.protocol_number = @protocol::text
                           OR EXISTS (SELECT 1 FROM protocol_entries r WHERE r.case_id = k.id AND r.number = @protocol::text))
                      AND (@status::text IS NULL OR k.status = @status::text)
                      AND (@office::text IS NULL OR EXISTS (SELECT 1 FROM case_procedures p WHERE p.case_id = k.id AND p.office = @office::text)
                           OR EXISTS (SELECT 1 FROM case_tasks t WHERE t.case_id = k.id AND t.office = @office::text))
                      {(offices is null ? "" : "AND " + CaseAccess.InvolvesOffices)}
                    ORDER BY k.created_at DESC LIMIT 200
                    """, ct, ("fiscal", fiscalCode?.Trim()), ("protocol", protocol?.Trim()), ("status", status), ("office", office), ("offices", offices));
                return Results.Ok(rows);
            })
            .RequireAuthorization(CaseAccess.ReadPolicy).WithTags("Pratiche");
}
