using System.Security.Claims;
using System.Text.Json;
using CaseFlow.ServiceDefaults.Http;
using CaseFlow.ServiceDefaults.Outcomes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace CaseFlow.Cases.CaseFile;

/// <summary>
/// Reads the whole case for someone allowed to see it. Each part is one query that builds its JSON in PostgreSQL,
/// read into the typed records of <see cref="CaseFileView"/>.
/// </summary>
public sealed class CaseFileReader(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public async Task<Outcome<CaseFileView>> GetAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var found = await Db.JsonRowsAsync(connection, null, """
            SELECT json_build_object('id', k.id, 'trackingCode', k.tracking_code, 'protocolNumber', k.protocol_number, 'status', k.status,
                'channel', k.channel, 'receivedAt', k.received_at, 'createdAt', k.created_at, 'createdBy', k.created_by, 'closedAt', k.closed_at,
                'citizen', k.citizen)::text
            FROM cases k WHERE k.id = @id
            """, ct, ("id", id));
        if (found.Count == 0)
        {
            return Problem.NotFound("id", "Nessuna pratica con questo id. / No case with this id.");
        }

        if (!await CaseAccess.CanSeeAsync(connection, user, id, ct))
        {
            return Problem.Forbidden("id", "La pratica non riguarda i suoi uffici. / The case does not involve your offices.");
        }

        await CaseReads.RecordAsync(connection, user, id, "case-file", null, clock.GetUtcNow(), ct);
        var view = found[0].Deserialize<CaseFileView>(Web)!;
        // Officers read only their procedures' parts; everyone else the whole case (an empty filter means "all").
        var visible = await CaseAccess.VisibleProceduresAsync(connection, user, id, ct);
        var scope = new Scope(visible is null, visible ?? []);
        var procedures = await ListAsync<CaseProcedure>(connection, """
            SELECT json_build_object('id', p.id, 'procedureId', p.procedure_id, 'version', p.version, 'name', p.name, 'agency', p.agency,
                'office', p.office, 'term', p.term, 'protocolNumber', p.protocol_number, 'dueDate', p.due_at, 'status', p.status,
                'outcome', p.outcome, 'finalAct', p.final_act, 'finalActProtocol', p.final_act_protocol, 'closedAt', p.closed_at,
                'instanceId', p.instance_id, 'formData', p.form_data, 'clockEvents', p.clock_events,
                'currentSteps', (SELECT coalesce(json_agg(json_build_object('taskId', t.id, 'office', t.office, 'title', t.title,
                    'outcomes', t.outcomes, 'dueDate', t.due_at, 'claimedBy', t.claimed_by) ORDER BY t.due_at), '[]')
                    FROM case_tasks t WHERE t.procedure_id = p.id AND t.status = 'open'),
                'steps', (SELECT coalesce(json_agg(json_build_object('taskId', t.id, 'office', t.office, 'title', t.title, 'status', t.status,
                    'outcome', t.outcome, 'note', t.note, 'createdAt', t.created_at, 'dueDate', t.due_at, 'closedBy', t.closed_by, 'closedAt', t.closed_at)
                    ORDER BY t.created_at), '[]') FROM case_tasks t WHERE t.procedure_id = p.id))::text
            FROM case_procedures p WHERE p.case_id = @id AND (@all OR p.id = ANY(@visible)) ORDER BY p.id
            """, id, scope, ct);
        var timeline = await ListAsync<TimelineEntry>(connection, """
            SELECT json_build_object('at', e.at, 'actor', e.actor, 'kind', e.kind, 'text', e.text, 'procedureId', e.procedure_id)::text
            FROM case_events e WHERE e.case_id = @id AND (@all OR e.procedure_id IS NULL OR e.procedure_id = ANY(@visible)) ORDER BY e.id
            """, id, scope, ct);
        var documents = await ListAsync<CaseDocument>(connection, """
            SELECT json_build_object('id', d.id, 'fileName', d.file_name, 'contentType', d.content_type, 'size', d.size, 'sha256', d.sha256,
                'protocolNumber', d.protocol_number, 'uploadedAt', d.uploaded_at, 'uploadedBy', d.uploaded_by)::text
            FROM case_documents d WHERE d.case_id = @id AND (@all OR d.procedure_id IS NULL OR d.procedure_id = ANY(@visible)) ORDER BY d.uploaded_at
            """, id, scope, ct);
        var protocol = await ListAsync<ProtocolEntry>(connection, """
            SELECT json_build_object('number', r.number, 'agency', r.agency, 'registeredAt', r.registered_at, 'direction', r.direction,
                'correspondent', r.correspondent, 'subject', r.subject, 'documentHashes', r.document_hashes)::text
            FROM protocol_entries r
            WHERE (r.case_id = @id OR r.number IN (SELECT d.protocol_number FROM case_documents d WHERE d.case_id = @id))
              AND (@all
                   OR r.number IN (SELECT unnest(ARRAY[p.protocol_number, p.final_act_protocol]) FROM case_procedures p WHERE p.id = ANY(@visible))
                   OR r.number IN (SELECT d.protocol_number FROM case_documents d WHERE d.case_id = @id AND (d.procedure_id IS NULL OR d.procedure_id = ANY(@visible))))
            ORDER BY r.registered_at, r.seq
            """, id, scope, ct);
        var messages = await ListAsync<SentMessage>(connection, """
            SELECT json_build_object('at', m.at, 'template', m.template, 'recipient', m.recipient, 'text', m.text, 'procedureId', m.procedure_id)::text
            FROM case_messages m
            WHERE m.case_id = @id AND (@all OR m.procedure_id = ANY(@visible)
                -- A message about the whole case (the notice of start) names every procedure: only for who sees them all.
                OR (m.procedure_id IS NULL AND NOT EXISTS (SELECT 1 FROM case_procedures p WHERE p.case_id = @id AND NOT p.id = ANY(@visible))))
            ORDER BY m.id
            """, id, scope, ct);
        return view with { Procedures = procedures, Timeline = timeline, Documents = documents, Protocol = protocol, Messages = messages };
    }

    private static async Task<IReadOnlyList<T>> ListAsync<T>(NpgsqlConnection connection, string sql, Guid id, Scope scope, CancellationToken ct) =>
        [.. (await Db.JsonRowsAsync(connection, null, sql, ct, ("id", id), ("all", scope.All), ("visible", scope.Visible))).Select(r => r.Deserialize<T>(Web)!)];

    private sealed record Scope(bool All, Guid[] Visible);
}

/// <summary><c>GET /api/cases/{id}</c>: the HTTP edge of <see cref="CaseFileReader"/>.</summary>
public static class GetCase
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/cases/{id:guid}", async (Guid id, HttpContext http, CaseFileReader reader, CancellationToken ct) =>
                (await reader.GetAsync(id, http.User, ct)).ToHttp())
            .RequireAuthorization(CaseAccess.ReadPolicy).WithTags("Pratiche");
}
