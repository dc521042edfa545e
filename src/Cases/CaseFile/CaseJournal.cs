using System.Text.Json.Nodes;
using Npgsql;

namespace CaseFlow.Cases.CaseFile;

/// <summary>
/// The case's append-only records, written in the transaction of the change they describe: the timeline (what
/// happened, for people), the audit trail (before/after, for accountability) and the messages to the citizen.
/// </summary>
internal static class CaseJournal
{
    /// <param name="isPublic">Shown on the citizen's tracking page: the text must hold no personal data.</param>
    public static Task EventAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid caseId, Guid? procedureId, DateTimeOffset at, string kind, string text, bool isPublic, CancellationToken ct) =>
        Db.ExecAsync(c, tx, """
            INSERT INTO case_events (case_id, procedure_id, at, actor, kind, text, public) VALUES (@case, @procedure, @at, @actor, @kind, @text, @public)
            """, ct, ("case", caseId), ("procedure", procedureId), ("at", at), ("actor", CaseActor.Name), ("kind", kind), ("text", text), ("public", isPublic));

    public static Task AuditAsync(NpgsqlConnection c, NpgsqlTransaction tx, DateTimeOffset at, string entity, object entityId, string action, JsonNode? before, JsonNode? after, CancellationToken ct) =>
        Db.ExecAsync(c, tx, """
            INSERT INTO audit_trail (at, actor, entity, entity_id, action, before, after) VALUES (@at, @actor, @entity, @id, @action, @before, @after)
            """, ct, ("at", at), ("actor", CaseActor.Name), ("entity", entity), ("id", entityId.ToString()), ("action", action), ("before", before), ("after", after));

    public static Task MessageAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid caseId, Guid? procedureId, DateTimeOffset at, string template, string? recipient, string? text, CancellationToken ct) =>
        Db.ExecAsync(c, tx, """
            INSERT INTO case_messages (case_id, procedure_id, at, template, recipient, text) VALUES (@case, @procedure, @at, @template, @recipient, @text)
            """, ct, ("case", caseId), ("procedure", procedureId), ("at", at), ("template", template), ("recipient", recipient), ("text", text));
}
