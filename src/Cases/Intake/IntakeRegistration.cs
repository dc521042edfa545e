using System.Text.Json.Nodes;
using Npgsql;

namespace CaseFlow.Cases.Intake;

/// <summary>
/// The protocol registration of one procedure of an intake, taken once the workflow step has run, so the agency's
/// counter row is locked only from there to the commit (DPR 445/2000 art. 53: still gap-free, consecutive in
/// commit order, and immediate: the answer carries the number). Until then the intake writes a placeholder where the
/// number goes; the same statement replaces it (case, procedure, the messages rendered meanwhile) and writes the
/// timeline and audit rows that quote the number, under ids reserved when the intake began so that the timeline
/// keeps its order.
/// </summary>
internal sealed class IntakeRegistration
{
    private readonly List<(long Id, Guid? Procedure, string Kind, string Text)> events = [];
    private readonly List<(long Id, string Entity, string EntityId, string After)> audits = [];
    private readonly Queue<long> eventIds = new();
    private readonly Queue<long> auditIds = new();

    public IntakeRegistration(Guid procedureRowId) => Placeholder = $"PN{procedureRowId:N}";

    /// <summary>Stands for the number until the last statement; letters and digits only, so no template escapes it.</summary>
    public string Placeholder { get; }

    /// <summary>Reserves the ids of the rows <see cref="Event"/> and <see cref="Audit"/> will write at the end.</summary>
    public async Task ReserveAsync(NpgsqlConnection c, NpgsqlTransaction tx, int rows, CancellationToken ct)
    {
        await using var command = Db.Command(c, tx, """
            SELECT nextval(pg_get_serial_sequence('case_events', 'id')), nextval(pg_get_serial_sequence('audit_trail', 'id')) FROM generate_series(1, @rows)
            """, ("rows", rows));
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            eventIds.Enqueue(reader.GetInt64(0));
            auditIds.Enqueue(reader.GetInt64(1));
        }
    }

    /// <summary>A public timeline event whose text may quote <see cref="Placeholder"/>.</summary>
    public void Event(Guid? procedureId, string kind, string text) => events.Add((eventIds.Dequeue(), procedureId, kind, text));

    public void Audit(string entity, Guid entityId, JsonObject after) => audits.Add((auditIds.Dequeue(), entity, entityId.ToString(), after.ToJsonString()));

    /// <summary>Takes the number and writes everything that quotes it, in one statement; returns the number.</summary>
    public async Task<string> RegisterAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid caseId, Guid procedureRowId, Protocol.ProtocolRegistration entry,
        DateTimeOffset now, CancellationToken ct)
    {
        var year = RomeTime.DateOf(entry.At).Year;
        await using var command = Db.Command(c, tx, """
            WITH counter AS (
                INSERT INTO protocol_counters (agency, year, last) VALUES (@agency, @year, 1)
                ON CONFLICT (agency, year) DO UPDATE SET last = protocol_counters.last + 1
                RETURNING last),
            n AS (SELECT last AS seq, @year::text || '/' || lpad(last::text, greatest(7, length(last::text)), '0') AS number FROM counter),
            entry AS (
                INSERT INTO protocol_entries (id, agency, year, seq, number, registered_at, direction, correspondent, subject, document_hashes, case_id, registered_by)
                SELECT @entry, @agency, @year, n.seq, n.number, @at, @direction, @correspondent, @subject, @hashes, @case, @by FROM n),
            kase AS (UPDATE cases k SET protocol_number = n.number FROM n WHERE k.id = @case AND k.protocol_number = @placeholder),
            procedure AS (UPDATE case_procedures p SET protocol_number = n.number FROM n WHERE p.id = @procedure),
            timeline AS (
                INSERT INTO case_events (id, case_id, procedure_id, at, actor, kind, text, public)
                SELECT e.id, @case, e.procedure_id, @now, @by, e.kind, replace(e.text, @placeholder, n.number), true
                  FROM n, unnest(@eventIds::bigint[], @eventProcedures::uuid[], @eventKinds::text[], @eventTexts::text[]) AS e(id, procedure_id, kind, text)),
            audit AS (
                INSERT INTO audit_trail (id, at, actor, entity, entity_id, action, before, after)
                SELECT a.id, @now, @by, a.entity, a.entity_id, 'created', NULL, replace(a.after, @placeholder, n.number)::jsonb
                  FROM n, unnest(@auditIds::bigint[], @auditEntities::text[], @auditEntityIds::text[], @auditAfter::text[]) AS a(id, entity, entity_id, after)),
            mail AS (
                UPDATE outbox_messages m
                   SET subject = replace(m.subject, @placeholder, n.number), html_body = replace(m.html_body, @placeholder, n.number),
                       text_body = replace(m.text_body, @placeholder, n.number), model = replace(m.model::text, @placeholder, n.number)::jsonb
                  FROM n WHERE m.case_id = @case AND m.status = 'pending')
            SELECT number FROM n
            """,
            ("agency", entry.Agency), ("year", year), ("entry", Guid.CreateVersion7()), ("at", entry.At), ("direction", entry.Direction),
            ("correspondent", entry.Correspondent), ("subject", entry.Subject), ("hashes", entry.DocumentHashes.ToArray()), ("case", caseId),
            ("by", entry.RegisteredBy), ("placeholder", Placeholder), ("procedure", procedureRowId), ("now", now),
            ("eventIds", events.Select(e => e.Id).ToArray()), ("eventProcedures", events.Select(e => e.Procedure).ToArray()),
            ("eventKinds", events.Select(e => e.Kind).ToArray()), ("eventTexts", events.Select(e => e.Text).ToArray()),
            ("auditIds", audits.Select(a => a.Id).ToArray()), ("auditEntities", audits.Select(a => a.Entity).ToArray()),
            ("auditEntityIds", audits.Select(a => a.EntityId).ToArray()), ("auditAfter", audits.Select(a => a.After).ToArray()));
        return (string)(await command.ExecuteScalarAsync(ct))!;
    }
}
