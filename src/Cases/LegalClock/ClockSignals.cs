using System.Text.Json.Nodes;
using CaseFlow.Cases.Integration;
using CaseFlow.Workflows.Runtime;

namespace CaseFlow.Cases.LegalClock;

/// <summary>
/// What stops and restarts a procedure's legal clock: requests for documents (art. 2 c.7, suspension or interruption)
/// and the notice of refusal (art. 10-bis). Each records the clock event, moves the deadlines, registers what leaves
/// or enters the office in the protocol, and tells the citizen the dates — all in the step's transaction.
/// </summary>
internal sealed class ClockSignals(CaseClock caseClock, CitizenMessages messages, DeadlineSchedule deadlines)
{
    private const string Suspension = "suspension";
    private const string Interruption = "interruption";
    private const string RefusalNotice = "refusal-notice";

    public async Task IntegrationRequestedAsync(WorkflowEffectContext context, CaseProcedureRow procedure, IntegrationRequested request, CancellationToken ct)
    {
        var today = Today(context);
        var kind = request.Interrupts ? Interruption : Suspension;
        var fromAdministration = request.FromAdministration;
        var list = string.Join(", ", request.Documents);
        // Art. 2 c.7: one suspension per procedure. A second request still goes out, but the term keeps running.
        var suspends = kind == Interruption || procedure.MultipleSuspensions || !procedure.ClockEvents.Any(e => e?["kind"]?.GetValue<string>() == Suspension);
        if (suspends)
        {
            var events = (JsonArray)procedure.ClockEvents.DeepClone();
            events.Add(new JsonObject { ["kind"] = kind, ["from"] = today, ["to"] = null });
            await UpdateClockAsync(context, procedure, events, "suspended", ct);
        }

        var correspondent = fromAdministration ? "Amministrazione competente" : await CitizenNameAsync(context, procedure, ct);
        await RegisterAsync(context, procedure, ProtocolRegister.Outgoing, correspondent, $"Richiesta di integrazione documentale: {procedure.Name}", [], ct);
        var effect = !suspends ? "il termine non si sospende: l'art. 2 c.7 ammette una sola sospensione"
            : kind == Suspension ? "termine sospeso" : "termine interrotto";
        await CaseJournal.EventAsync(context.Connection, context.Transaction, procedure.CaseId, procedure.Id, context.Now, "integration-requested",
            $"{procedure.Name}: richiesti documenti integrativi{(fromAdministration ? " ad altra amministrazione" : "")} ({list}); {effect}", isPublic: true, ct);
        var expires = request.ExpiresAt;
        if (fromAdministration)
        {
            // The citizen has nothing to send: they are told the term stopped, why, and for how long at most.
            if (suspends)
            {
                await SendAsync(context, procedure, "clock-suspended", $"Termine {(kind == Suspension ? "sospeso" : "interrotto")} dal {today}: {list}.", new JsonObject
                {
                    ["reason"] = $"L'ufficio sta acquisendo da un'altra amministrazione: {list}.",
                    ["suspended_on"] = today,
                    ["max_days"] = kind == Suspension ? Terms.Suspension.MaxDays : request.CapDays,
                }, $"clock-suspended:{procedure.Id}:{context.Now:O}", ct);
            }

            return;
        }

        await SendAsync(context, procedure, "documents-requested", $"{list}. {request.Message}".Trim(), new JsonObject
        {
            ["missing_documents"] = new JsonArray([.. request.Documents.Select(d => (JsonNode)d)]),
            ["reply_by"] = RomeTime.DateOf(expires).ToString("yyyy-MM-dd"),
            ["how_to_send"] = request.Message is { Length: > 0 } how ? how : "Allo sportello, via PEC o con l'area riservata online.",
            ["clock_effect"] = suspends ? kind : "none",
            ["suspended_on"] = today,
        }, $"documents:{procedure.Id}:{context.Now:O}", ct);
    }

    public async Task IntegrationEndedAsync(WorkflowEffectContext context, CaseProcedureRow procedure, IntegrationEnded ended, CancellationToken ct)
    {
        var received = ended.Received;
        await AttachDocumentsAsync(context, procedure, ended.Documents, ct);
        var events = (JsonArray)procedure.ClockEvents.DeepClone();
        var stopped = events.LastOrDefault() is JsonObject open && open["to"] is null && open["kind"]?.GetValue<string>() is Suspension or Interruption;
        if (stopped)
        {
            var last = (JsonObject)events[^1]!;
            // Documents that never came restart nothing: an expired interruption leaves the running term as it was.
            if (received || last["kind"]?.GetValue<string>() == Suspension)
            {
                last["to"] = Today(context);
            }
            else
            {
                events.RemoveAt(events.Count - 1);
            }
        }

        await CaseJournal.EventAsync(context.Connection, context.Transaction, procedure.CaseId, procedure.Id, context.Now, received ? "integration-received" : "integration-expired",
            received ? $"{procedure.Name}: documenti integrativi ricevuti{(stopped ? "; il termine riprende" : "")}" : $"{procedure.Name}: termine per l'integrazione scaduto",
            isPublic: true, ct);
        if (stopped)
        {
            var dueAt = await UpdateClockAsync(context, procedure, events, "open", ct);
            await ResumedAsync(context, procedure, Today(context), dueAt, ct);
        }
    }

    public async Task RefusalNoticeSentAsync(WorkflowEffectContext context, CaseProcedureRow procedure, RefusalNoticeSent notice, CancellationToken ct)
    {
        var today = Today(context);
        var events = (JsonArray)procedure.ClockEvents.DeepClone();
        events.Add(new JsonObject { ["kind"] = RefusalNotice, ["from"] = today, ["to"] = null });
        await UpdateClockAsync(context, procedure, events, "suspended", ct);
        var reasons = new JsonArray([.. notice.Reasons.Select(r => (JsonNode)r)]);
        var number = await RegisterAsync(context, procedure, ProtocolRegister.Outgoing, await CitizenNameAsync(context, procedure, ct),
            $"Comunicazione dei motivi ostativi (art. 10-bis L. 241/1990): {procedure.Name}", [], ct);
        var replyBy = notice.ReplyBy.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await CaseJournal.EventAsync(context.Connection, context.Transaction, procedure.CaseId, procedure.Id, context.Now, "refusal-notice",
            $"{procedure.Name}: preavviso di rigetto (art. 10-bis, protocollo {number}); osservazioni entro il {replyBy}; termine sospeso", isPublic: true, ct);
        await SendAsync(context, procedure, "refusal-notice", string.Join(" ", reasons.Select(r => r?.GetValue<string>())), new JsonObject
        {
            ["reasons"] = reasons,
            ["reply_by"] = replyBy,
            ["notice_protocol_number"] = number,
            ["how_to_reply"] = notice.Message is { Length: > 0 } how ? how : null,
        }, $"refusal-notice:{procedure.Id}:{context.Now:O}", ct);
    }

    /// <summary>Observations arrived (or the 10 days passed): the clock runs again 10 days after them, or at once.</summary>
    public async Task RefusalNoticeEndedAsync(WorkflowEffectContext context, CaseProcedureRow procedure, RefusalNoticeEnded ended, CancellationToken ct)
    {
        var observations = ended.Observations;
        var events = (JsonArray)procedure.ClockEvents.DeepClone();
        var notice = events.OfType<JsonObject>().LastOrDefault(e => e["kind"]?.GetValue<string>() == RefusalNotice && e["to"] is null);
        var today = RomeTime.DateOf(context.Now);
        if (notice is not null && observations)
        {
            notice["to"] = today.ToString("yyyy-MM-dd");
        }

        if (observations)
        {
            // Documents were registered when uploaded; the observations' own text is registered here.
            await AttachDocumentsAsync(context, procedure, ended.Documents, ct);
            var text = ended.Text ?? "";
            await RegisterAsync(context, procedure, ProtocolRegister.Incoming, await CitizenNameAsync(context, procedure, ct),
                $"Osservazioni al preavviso di rigetto (art. 10-bis): {procedure.Name}",
                [Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))).ToLowerInvariant()], ct);
        }

        var dueAt = await UpdateClockAsync(context, procedure, events, "open", ct);
        var sent = notice?["from"]?.GetValue<string>() is { } s ? DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : today;
        var resumesOn = new Terms.RefusalNotice(sent, observations ? today : null).ResumesOn;
        await CaseJournal.EventAsync(context.Connection, context.Transaction, procedure.CaseId, procedure.Id, context.Now,
            observations ? "observations-received" : "observations-lapsed",
            observations
                ? $"{procedure.Name}: osservazioni al preavviso di rigetto ricevute; il termine riprende il {resumesOn:yyyy-MM-dd}"
                : $"{procedure.Name}: nessuna osservazione entro i 10 giorni; il termine riprende",
            isPublic: true, ct);
        await ResumedAsync(context, procedure, resumesOn.ToString("yyyy-MM-dd"), dueAt, ct);
    }

    private Task ResumedAsync(WorkflowEffectContext context, CaseProcedureRow procedure, string resumedOn, DateTimeOffset dueAt, CancellationToken ct)
    {
        var newDue = RomeTime.DateOf(dueAt).ToString("yyyy-MM-dd");
        return SendAsync(context, procedure, "clock-resumed", $"Il termine riprende il {resumedOn}; nuova scadenza {newDue}.",
            new JsonObject { ["resumed_on"] = resumedOn, ["new_due_date"] = newDue }, $"clock-resumed:{procedure.Id}:{context.Now:O}", ct);
    }

    private async Task<DateTimeOffset> UpdateClockAsync(WorkflowEffectContext context, CaseProcedureRow procedure, JsonArray events, string status, CancellationToken ct)
    {
        var dueAt = procedure.SubstituteSince is { } since
            // The substitute's term is half the original from the day it took over (art. 2 c.9-ter); only later stops move it.
            ? caseClock.DueAt(since, Term.Parse(procedure.Term).Half().ToString(), procedure.Agency, EventsFrom(events, RomeTime.DateOf(since)))
            : caseClock.DueAt(procedure.ReceivedAt, procedure.Term, procedure.Agency, events);
        // A running term under the substitute power stays the substitute's.
        status = status == "open" && procedure.UnderSubstitute ? "substitute" : status;
        await Db.ExecAsync(context.Connection, context.Transaction,
            "UPDATE case_procedures SET clock_events = @events, due_at = @due, status = @status WHERE id = @id", ct,
            ("events", events), ("due", dueAt), ("status", status), ("id", procedure.Id));
        if (status == "suspended")
        {
            await DeadlineSchedule.SuspendProcedureAsync(context.Connection, context.Transaction, procedure.Id, ct);
        }
        else
        {
            await deadlines.ProcedureAsync(context.Connection, context.Transaction, procedure.CaseId, procedure.Id, procedure.Office, dueAt, ct);
        }

        await CaseJournal.AuditAsync(context.Connection, context.Transaction, context.Now, "procedure", procedure.Id, "clock",
            new JsonObject { ["status"] = procedure.Status, ["clockEvents"] = procedure.ClockEvents.DeepClone() },
            new JsonObject { ["status"] = status, ["clockEvents"] = events.DeepClone(), ["dueAt"] = dueAt.ToString("O") }, ct);
        return dueAt;
    }

    /// <summary>Attaches the documents the desk registered to the case, in the same transaction as the step that receives them.</summary>
    private static async Task AttachDocumentsAsync(WorkflowEffectContext context, CaseProcedureRow procedure, IReadOnlyList<Guid> documents, CancellationToken ct)
    {
        var ids = documents.ToArray();
        if (ids.Length > 0)
        {
            await Db.ExecAsync(context.Connection, context.Transaction, "UPDATE case_documents SET case_id = @case, procedure_id = @procedure WHERE id = ANY(@ids) AND case_id IS NULL", ct,
                ("case", procedure.CaseId), ("procedure", procedure.Id), ("ids", ids));
        }
    }

    private static Task<string> RegisterAsync(WorkflowEffectContext context, CaseProcedureRow procedure, string direction, string correspondent, string subject,
        IReadOnlyList<string> hashes, CancellationToken ct) =>
        ProtocolRegister.RegisterAsync(context.Connection, context.Transaction,
            new ProtocolRegistration(procedure.Agency, context.Now, direction, correspondent, subject, hashes, procedure.CaseId, CaseActor.Name), ct);

    private static async Task<string> CitizenNameAsync(WorkflowEffectContext context, CaseProcedureRow procedure, CancellationToken ct) =>
        await Db.ScalarAsync<string>(context.Connection, context.Transaction,
            "SELECT (citizen->>'firstName') || ' ' || (citizen->>'lastName') FROM cases WHERE id = @id", ct, ("id", procedure.CaseId)) ?? "";

    private Task SendAsync(WorkflowEffectContext context, CaseProcedureRow procedure, string template, string? text, JsonObject model, string key, CancellationToken ct) =>
        messages.SendAsync(context.Connection, context.Transaction, procedure.CaseId, [procedure.Id], template, text, model, key, context.Now, context.OnCommitted, ct);

    private static JsonArray EventsFrom(JsonArray events, DateOnly day) =>
        [.. events.OfType<JsonObject>().Where(e => DateOnly.Parse(e["from"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) >= day)
            .Select(e => (JsonNode)e.DeepClone())];

    private static string Today(WorkflowEffectContext context) => RomeTime.DateOf(context.Now).ToString("yyyy-MM-dd");
}
