using System.Text.Json.Nodes;
using Npgsql;

namespace CaseFlow.Cases.FinalAct;

/// <summary>A case closes when its last procedure does, however that procedure ended (final act, silence-assent, cancellation).</summary>
public static class CaseClosure
{
    public static async Task CloseIfDoneAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid caseId, DateTimeOffset now, CancellationToken ct)
    {
        var closed = await Db.ExecAsync(c, tx, """
            UPDATE cases SET status = 'closed', closed_at = @now
            WHERE id = @id AND status <> 'closed' AND NOT EXISTS (SELECT 1 FROM case_procedures WHERE case_id = @id AND closed_at IS NULL)
            """, ct, ("now", now), ("id", caseId));
        if (closed == 1)
        {
            await CaseJournal.EventAsync(c, tx, caseId, null, now, "case-closed", "Pratica conclusa", isPublic: true, ct);
            await CaseJournal.AuditAsync(c, tx, now, "case", caseId, "closed", new JsonObject { ["status"] = "open" }, new JsonObject { ["status"] = "closed" }, ct);
        }
    }
}
