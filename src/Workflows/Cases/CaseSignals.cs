using System.Text.Json.Nodes;
using CaseFlow.Workflows.Protocol;
using CaseFlow.Workflows.Runtime;
using CaseFlow.Workflows.Terms;

namespace CaseFlow.Workflows.Cases;

/// <summary>What the case does with the activities' signals: final acts, integrations, messages to the citizen.</summary>
internal sealed class CaseSignals(CaseClock caseClock, CitizenMessages messages, Clock.DeadlineSchedule deadlines)
{
    public async Task HandleAsync(WorkflowEffectContext context, CaseProcedureRow procedure, ActivitySignal signal, CancellationToken ct)
    {
        switch (signal.Name)
        {
            case "FinalActIssued":
                await FinalActAsync(context, procedure, signal.Data, ct);
                break;
            case "CitizenNotificationRequested":
                var template = signal.Data["template"]?.GetValue<string>() ?? "step-advanced";
                var text = signal.Data["message"]?.GetValue<string>();
                await MessageAsync(context, procedure, template, text, new JsonObject { ["step_name"] = text ?? procedure.Name, ["message"] = text },
                    $"notify:{procedure.Id}:{signal.ActivityId}:{context.Now:O}", ct);
                break;
            case "IntegrationRequested":
                await IntegrationRequestedAsync(context, procedure, signal.Data, ct);
                break;
            case "IntegrationReceived" or "IntegrationExpired":
                await IntegrationEndedAsync(context, procedure, received: signal.Name == "IntegrationReceived", ct);
                break;
        }
    }

    public async Task FinishedAsync(WorkflowEffectContext context, CaseProcedureRow procedure, string subStatus, CancellationToken ct)
    {
        // A flow that ends without a final act (cancelled, or drawn without one) still closes its procedure.
        var status = subStatus == WorkflowSubStatus.Cancelled ? "cancelled" : "concluded";
        var changed = await Db.ExecAsync(context.Connection, context.Transaction,
            "UPDATE case_procedures SET status = @status, closed_at = @now WHERE id = @id AND closed_at IS NULL", ct,
            ("status", status), ("now", context.Now), ("id", procedure.Id));
        await Clock.DeadlineSchedule.CloseProcedureAsync(context.Connection, context.Transaction, procedure.Id, ct);
        if (changed == 1)
        {
            await CaseJournal.AuditAsync(context.Connection, context.Transaction, context.Now, "procedure", procedure.Id, status,
                new JsonObject { ["status"] = procedure.Status }, new JsonObject { ["status"] = status }, ct);
            await CloseCaseIfDoneAsync(context, procedure, ct);
        }
    }

    public Task MessageAsync(WorkflowEffectContext context, CaseProcedureRow procedure, string template, string? text, JsonObject model, string deduplicationKey,
        CancellationToken ct) =>
        messages.SendAsync(context.Connection, context.Transaction, procedure.CaseId, [procedure.Id], template, text, model, deduplicationKey, context.Now,
            context.OnCommitted, ct);

    private async Task FinalActAsync(WorkflowEffectContext context, CaseProcedureRow procedure, JsonObject data, CancellationToken ct)
    {
        var outcome = data["outcome"]?.GetValue<string>() ?? "granted";
        var text = data["text"]?.GetValue<string>();
        var citizen = await Db.ScalarAsync<string>(context.Connection, context.Transaction,
            "SELECT (citizen->>'firstName') || ' ' || (citizen->>'lastName') || ' (' || fiscal_code || ')' FROM cases WHERE id = @id", ct, ("id", procedure.CaseId));
        var number = await ProtocolRegister.RegisterAsync(context.Connection, context.Transaction, new ProtocolRegistration(
            procedure.Agency, context.Now, ProtocolRegister.Outgoing, citizen ?? "", $"Provvedimento finale ({(outcome == "granted" ? "accoglimento" : "rigetto")}): {procedure.Name}",
            [Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text ?? ""))).ToLowerInvariant()],
            procedure.CaseId, CaseActor.Name), ct);
        await Db.ExecAsync(context.Connection, context.Transaction, """
            UPDATE case_procedures SET status = @outcome, outcome = @outcome, final_act = @text, final_act_protocol = @number, closed_at = @now WHERE id = @id
            """, ct, ("outcome", outcome), ("text", text), ("number", number), ("now", context.Now), ("id", procedure.Id));
        await Clock.DeadlineSchedule.CloseProcedureAsync(context.Connection, context.Transaction, procedure.Id, ct);
        await CaseJournal.EventAsync(context.Connection, context.Transaction, procedure.CaseId, procedure.Id, context.Now, "final-act",
            $"{procedure.Name}: provvedimento finale di {(outcome == "granted" ? "accoglimento" : "rigetto")} (protocollo {number})", isPublic: true, ct);
        await CaseJournal.AuditAsync(context.Connection, context.Transaction, context.Now, "procedure", procedure.Id, "final-act",
            new JsonObject { ["status"] = procedure.Status }, new JsonObject { ["status"] = outcome, ["protocolNumber"] = number }, ct);
        var tracking = await Db.ScalarAsync<string>(context.Connection, context.Transaction, "SELECT tracking_code FROM cases WHERE id = @id", ct, ("id", procedure.CaseId));
        await MessageAsync(context, procedure, "final-act", text, new JsonObject
        {
            ["outcome"] = outcome == "granted" ? "accepted" : "refused",
            ["outcome_text"] = string.IsNullOrWhiteSpace(text) ? (outcome == "granted" ? "Istanza accolta." : "Istanza respinta.") : text,
            ["act_protocol_number"] = number,
            ["act_date"] = RomeTime.DateOf(context.Now).ToString("yyyy-MM-dd"),
            ["act_url"] = messages.TrackingUrl(tracking!),
            ["survey_url"] = messages.SurveyUrlFor(tracking!),
        }, $"final-act:{procedure.Id}", ct);
        await CloseCaseIfDoneAsync(context, procedure, ct);
    }

    private async Task IntegrationRequestedAsync(WorkflowEffectContext context, CaseProcedureRow procedure, JsonObject data, CancellationToken ct)
    {
        var kind = data["mode"]?.GetValue<string>() == "Interrupt" ? "interruption" : "suspension";
        var events = (JsonArray)procedure.ClockEvents.DeepClone();
        events.Add(new JsonObject { ["kind"] = kind, ["from"] = RomeTime.DateOf(context.Now).ToString("yyyy-MM-dd"), ["to"] = null });
        await UpdateClockAsync(context, procedure, events, "suspended", ct);
        var documents = string.Join(", ", (data["documents"] as JsonArray ?? []).Select(d => d?.GetValue<string>()));
        var citizen = await Db.ScalarAsync<string>(context.Connection, context.Transaction,
            "SELECT (citizen->>'firstName') || ' ' || (citizen->>'lastName') FROM cases WHERE id = @id", ct, ("id", procedure.CaseId));
        await ProtocolRegister.RegisterAsync(context.Connection, context.Transaction, new ProtocolRegistration(
            procedure.Agency, context.Now, ProtocolRegister.Outgoing, citizen ?? "", $"Richiesta di integrazione documentale: {procedure.Name}", [], procedure.CaseId, CaseActor.Name), ct);
        await CaseJournal.EventAsync(context.Connection, context.Transaction, procedure.CaseId, procedure.Id, context.Now, "integration-requested",
            $"{procedure.Name}: richiesti documenti integrativi ({documents}); termine {(kind == "suspension" ? "sospeso" : "interrotto")}", isPublic: true, ct);
        var expires = data["expiresAt"]?.GetValue<string>() is { } e ? DateTimeOffset.Parse(e, System.Globalization.CultureInfo.InvariantCulture) : context.Now.AddDays(30);
        await MessageAsync(context, procedure, "documents-requested", $"{documents}. {data["message"]?.GetValue<string>()}".Trim(), new JsonObject
        {
            ["missing_documents"] = data["documents"]?.DeepClone() ?? new JsonArray(),
            ["reply_by"] = RomeTime.DateOf(expires).ToString("yyyy-MM-dd"),
            ["how_to_send"] = data["message"]?.GetValue<string>() is { Length: > 0 } how ? how : "Allo sportello, via PEC o con l'area riservata online.",
        }, $"documents:{procedure.Id}:{context.Now:O}", ct);
    }

    private async Task IntegrationEndedAsync(WorkflowEffectContext context, CaseProcedureRow procedure, bool received, CancellationToken ct)
    {
        var events = (JsonArray)procedure.ClockEvents.DeepClone();
        if (events.LastOrDefault() is JsonObject open && open["to"] is null)
        {
            // Documents that never came restart nothing: an expired interruption leaves the running term as it was.
            if (received || open["kind"]?.GetValue<string>() == "suspension")
            {
                open["to"] = RomeTime.DateOf(context.Now).ToString("yyyy-MM-dd");
            }
            else
            {
                events.RemoveAt(events.Count - 1);
            }
        }

        var dueAt = await UpdateClockAsync(context, procedure, events, "open", ct);
        await CaseJournal.EventAsync(context.Connection, context.Transaction, procedure.CaseId, procedure.Id, context.Now, received ? "integration-received" : "integration-expired",
            received ? $"{procedure.Name}: documenti integrativi ricevuti; il termine riprende" : $"{procedure.Name}: termine per l'integrazione scaduto", isPublic: true, ct);
        var today = RomeTime.DateOf(context.Now).ToString("yyyy-MM-dd");
        await MessageAsync(context, procedure, "clock-resumed", $"Il termine riprende il {today}; nuova scadenza {RomeTime.DateOf(dueAt):yyyy-MM-dd}.",
            new JsonObject { ["resumed_on"] = today, ["new_due_date"] = RomeTime.DateOf(dueAt).ToString("yyyy-MM-dd") }, $"clock-resumed:{procedure.Id}:{context.Now:O}", ct);
    }

    private async Task<DateTimeOffset> UpdateClockAsync(WorkflowEffectContext context, CaseProcedureRow procedure, JsonArray events, string status, CancellationToken ct)
    {
        var dueAt = caseClock.DueAt(procedure.ReceivedAt, procedure.Term, procedure.Agency, events);
        await Db.ExecAsync(context.Connection, context.Transaction,
            "UPDATE case_procedures SET clock_events = @events, due_at = @due, status = @status WHERE id = @id", ct,
            ("events", events), ("due", dueAt), ("status", status), ("id", procedure.Id));
        if (status == "suspended")
        {
            await Clock.DeadlineSchedule.SuspendProcedureAsync(context.Connection, context.Transaction, procedure.Id, ct);
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

    private static async Task CloseCaseIfDoneAsync(WorkflowEffectContext context, CaseProcedureRow procedure, CancellationToken ct)
    {
        var closed = await Db.ExecAsync(context.Connection, context.Transaction, """
            UPDATE cases SET status = 'closed', closed_at = @now
            WHERE id = @id AND status <> 'closed' AND NOT EXISTS (SELECT 1 FROM case_procedures WHERE case_id = @id AND closed_at IS NULL)
            """, ct, ("now", context.Now), ("id", procedure.CaseId));
        if (closed == 1)
        {
            await CaseJournal.EventAsync(context.Connection, context.Transaction, procedure.CaseId, null, context.Now, "case-closed", "Pratica conclusa", isPublic: true, ct);
            await CaseJournal.AuditAsync(context.Connection, context.Transaction, context.Now, "case", procedure.CaseId, "closed",
                new JsonObject { ["status"] = "open" }, new JsonObject { ["status"] = "closed" }, ct);
        }
    }
}
