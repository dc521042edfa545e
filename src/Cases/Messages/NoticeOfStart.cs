using System.Text.Json.Nodes;
using Npgsql;

namespace CaseFlow.Cases.Messages;

/// <summary>
/// The notice of start (art. 8 c.2 L. 241/1990), one per intake listing every procedure it starts. Each entry carries
/// the elements the law names: the administration (a), the subject (b), office and officer (c), the due date and the
/// remedies against inertia with the substitute's half term (c-bis; the delay indemnity of art. 28 D.L. 69/2013 where
/// the sheet says so), the application date (c-ter, shared) and where and how to see the acts (d).
/// </summary>
public sealed class NoticeOfStart(CitizenMessages messages, IOfficeDirectory directory, CaseClock caseClock)
{
    /// <summary>
    /// A transaction-local setting naming the case whose intake the transaction is: the steps that intake opens send
    /// no step message of their own, since the notice already says where the case is.
    /// </summary>
    public const string IntakeSetting = "caseflow.intake_case";

    /// <summary>
    /// Queues the notice; call it before the first workflow step runs, so that it is the intake's first message
    /// (the dispatcher sends in enqueue order) and the steps know they are the intake's own.
    /// </summary>
    public async Task SendAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid caseId, IReadOnlyList<Procedure> procedures, DateTimeOffset receivedAt,
        DateTimeOffset now, CancellationToken ct)
    {
        await Db.ExecAsync(c, tx, "SELECT set_config(@name, @case, true)", ct, ("name", IntakeSetting), ("case", caseId.ToString()));
        var text = string.Join(" ", procedures.Select(p =>
            $"{p.Sheet.Title}: ufficio {directory.FindOffice(p.Sheet.Office)?.Name ?? p.Sheet.Office}, responsabile {p.Sheet.ResponsibleOfficer ?? "il dirigente dell'ufficio"}."));
        var entries = new JsonArray([.. procedures.Select(p => (JsonNode)Entry(p, receivedAt))]);
        await messages.SendAsync(c, tx, caseId, null, "case-received", $"Comunicazione di avvio del procedimento (art. 8 L. 241/1990). {text}",
            new JsonObject { ["procedures"] = entries }, $"case-received:{caseId}", now, null, ct);
    }

    private JsonObject Entry(Procedure procedure, DateTimeOffset receivedAt)
    {
        var sheet = procedure.Sheet;
        var dueAt = caseClock.DueAt(receivedAt, sheet.Term, sheet.Agency);
        var entry = messages.ProcedureModel(sheet.Title, sheet.Agency, sheet.Office, sheet.ResponsibleOfficer, IsoDate(dueAt), sheet.SilenceAssent);
        var term = Term.Parse(sheet.Term);
        var half = term.Half();
        entry["term_text"] = new JsonObject { ["it"] = term.ToItalian(), ["en"] = term.ToEnglish() };
        entry["substitute_term_text"] = new JsonObject { ["it"] = half.ToItalian(), ["en"] = half.ToEnglish() };
        entry["delay_indemnity"] = sheet.DelayIndemnity;
        if (sheet.DelayIndemnity)
        {
            // Art. 28 c.2: the claim goes to the substitute within the peremptory 20 days from the lapse of the term.
            entry["indemnity_claim_by"] = IsoDate(caseClock.DueAt(dueAt, "P20D", sheet.Agency));
        }
        // Absent rather than empty: standard Liquid (Fluid) takes an empty string for true.
        if (!string.IsNullOrWhiteSpace(sheet.Summary))
        {
            entry["summary"] = sheet.Summary.Trim();
        }

        if (directory.FindOffice(sheet.Office)?.Email is { Length: > 0 } email)
        {
            entry["office_email"] = email;
        }

        return entry;
    }

    private static string IsoDate(DateTimeOffset instant) =>
        Terms.RomeTime.DateOf(instant).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
