using System.Text.Json.Nodes;
using Npgsql;

namespace CaseFlow.Cases.LegalClock;

/// <summary>
/// Closes a procedure whose term lapsed where silence means consent (art. 20 L. 241/1990): the attestation is an
/// outgoing act of the agency, so it is registered in its protocol like a final act and its number goes to the citizen.
/// </summary>
public sealed class SilenceAssent(CitizenMessages messages)
{
    internal async Task CloseAsync(NpgsqlConnection c, NpgsqlTransaction tx, DeadlineRow row, DeadlineTarget target, DateTimeOffset now, Action<Action> onCommitted,
        CancellationToken ct)
    {
        var assentDate = RomeTime.DateOf(row.TargetDue).ToString("yyyy-MM-dd");
        var citizen = await Db.ScalarAsync<string>(c, tx,
            "SELECT (citizen->>'firstName') || ' ' || (citizen->>'lastName') || ' (' || fiscal_code || ')' FROM cases WHERE id = @id", ct, ("id", row.CaseId));
        var number = await ProtocolRegister.RegisterAsync(c, tx, new ProtocolRegistration(target.Agency, now, ProtocolRegister.Outgoing, citizen ?? "",
            $"Attestazione di silenzio-assenso (art. 20 c.2-bis L. 241/1990): {target.Name}", [], row.CaseId, CaseActor.Name), ct);
        // The row is fired once and the procedure is locked and open (else the row went stale): one entry per procedure.
        await Db.ExecAsync(c, tx, """
            UPDATE case_procedures SET status = 'accepted', outcome = 'silence-assent', final_act_protocol = @number, closed_at = @now WHERE id = @id AND closed_at IS NULL
            """, ct, ("number", number), ("now", now), ("id", row.ProcedureId));
        await DeadlineSchedule.CloseProcedureAsync(c, tx, row.ProcedureId, ct);
        await CaseJournal.EventAsync(c, tx, row.CaseId, row.ProcedureId, now, "silence-assent",
            $"{target.Name}: accolto per silenzio-assenso (art. 20 L. 241/1990) il {assentDate}; attestazione protocollo {number}", isPublic: true, ct);
        await CaseJournal.AuditAsync(c, tx, now, "procedure", row.ProcedureId, "silence-assent",
            new JsonObject { ["status"] = "open" }, new JsonObject { ["status"] = "accepted", ["outcome"] = "silence-assent", ["protocolNumber"] = number }, ct);
        await messages.SendAsync(c, tx, row.CaseId, [row.ProcedureId], "silence-assent",
            $"Attestazione di silenzio-assenso (art. 20 c.2-bis) dal {assentDate}, protocollo {number}.",
            new JsonObject { ["assent_date"] = assentDate, ["attestation_protocol_number"] = number }, $"silence-assent:{row.ProcedureId}", now, onCommitted, ct);
        await CaseClosure.CloseIfDoneAsync(c, tx, row.CaseId, now, ct);
    }
}
