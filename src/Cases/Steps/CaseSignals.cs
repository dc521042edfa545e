using System.Text.Json.Nodes;
using CaseFlow.Cases.FinalAct;
using CaseFlow.Cases.Integration;
using CaseFlow.Cases.Messages;
using CaseFlow.Workflows.Runtime;

namespace CaseFlow.Cases.Steps;

/// <summary>What the case does with the activities' signals: final acts and messages here, the legal clock's in <see cref="ClockSignals"/>.</summary>
internal sealed class CaseSignals(CitizenMessages messages, ClockSignals clock)
{
    public async Task HandleAsync(WorkflowEffectContext context, CaseProcedureRow procedure, ActivitySignal signal, CancellationToken ct)
    {
        switch (signal.Payload)
        {
            case FinalActIssued act:
                await FinalActAsync(context, procedure, act, ct);
                break;
            case CitizenNotificationRequested notification:
                await MessageAsync(context, procedure, notification.Template, notification.Message,
                    new JsonObject { ["step_name"] = notification.Message ?? procedure.Name, ["message"] = notification.Message },
                    $"notify:{procedure.Id}:{signal.ActivityId}:{context.Now:O}", ct);
                break;
            case IntegrationRequested request:
                await clock.IntegrationRequestedAsync(context, procedure, request, ct);
                break;
            case IntegrationEnded ended:
                await clock.IntegrationEndedAsync(context, procedure, ended, ct);
                break;
            case RefusalNoticeSent notice:
                await clock.RefusalNoticeSentAsync(context, procedure, notice, ct);
                break;
            case RefusalNoticeEnded ended:
                await clock.RefusalNoticeEndedAsync(context, procedure, ended, ct);
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
        await DeadlineSchedule.CloseProcedureAsync(context.Connection, context.Transaction, procedure.Id, ct);
        if (changed == 1)
        {
            await CaseJournal.AuditAsync(context.Connection, context.Transaction, context.Now, "procedure", procedure.Id, status,
                new JsonObject { ["status"] = procedure.Status }, new JsonObject { ["status"] = status }, ct);
            await CaseClosure.CloseIfDoneAsync(context.Connection, context.Transaction, procedure.CaseId, context.Now, ct);
        }
    }

    public Task MessageAsync(WorkflowEffectContext context, CaseProcedureRow procedure, string template, string? text, JsonObject model, string deduplicationKey,
        CancellationToken ct) =>
        messages.SendAsync(context.Connection, context.Transaction, procedure.CaseId, [procedure.Id], template, text, model, deduplicationKey, context.Now,
            context.OnCommitted, ct);

    private async Task FinalActAsync(WorkflowEffectContext context, CaseProcedureRow procedure, FinalActIssued act, CancellationToken ct)
    {
        if (procedure.Concluded)
        {
            // Already concluded (e.g. granted by silence-assent): no second act is registered or sent; the timeline says why.
            await CaseJournal.EventAsync(context.Connection, context.Transaction, procedure.CaseId, procedure.Id, context.Now, "final-act-refused",
                $"{procedure.Name}: provvedimento non emesso, il procedimento è già concluso ({procedure.Status})", isPublic: false, ct);
            return;
        }

        var (outcome, text) = (act.Outcome, act.Text);
        var citizen = await Db.ScalarAsync<string>(context.Connection, context.Transaction,
            "SELECT (citizen->>'firstName') || ' ' || (citizen->>'lastName') || ' (' || fiscal_code || ')' FROM cases WHERE id = @id", ct, ("id", procedure.CaseId));
        var number = await ProtocolRegister.RegisterAsync(context.Connection, context.Transaction, new ProtocolRegistration(
            procedure.Agency, context.Now, ProtocolRegister.Outgoing, citizen ?? "", $"Provvedimento finale ({(outcome == "granted" ? "accoglimento" : "rigetto")}): {procedure.Name}",
            [Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text ?? ""))).ToLowerInvariant()],
            procedure.CaseId, CaseActor.Name), ct);
        await Db.ExecAsync(context.Connection, context.Transaction, """
            UPDATE case_procedures SET status = @outcome, outcome = @outcome, final_act = @text, final_act_protocol = @number, closed_at = @now WHERE id = @id
            """, ct, ("outcome", outcome), ("text", text), ("number", number), ("now", context.Now), ("id", procedure.Id));
        await DeadlineSchedule.CloseProcedureAsync(context.Connection, context.Transaction, procedure.Id, ct);
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
            ["act_url"] = messages.TrackingPageUrl(tracking!),
            ["survey_url"] = messages.SurveyUrlFor(tracking!),
        }, $"final-act:{procedure.Id}", ct);
        await CaseClosure.CloseIfDoneAsync(context.Connection, context.Transaction, procedure.CaseId, context.Now, ct);
    }
}
