using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CaseFlow.Cases.Messages;

/// <summary>
/// Tells the citizen: records the message in <c>case_messages</c> and enqueues the email with the shared model
/// (citizen, protocol, procedures with offices, officers, due dates and silence rule) plus the template's own fields.
/// </summary>
public sealed class CitizenMessages(ICitizenMailer mailer, IOfficeDirectory directory, IOptions<CasesOptions> options, ILogger<CitizenMessages> logger)
{
    public void SignalCommitted() => mailer.SignalCommitted();

    public string SurveyUrl => options.Value.SurveyUrl;

    /// <summary>The case's own survey link: the tracking code ties the one answer to its case.</summary>
    public string SurveyUrlFor(string trackingCode) => $"{options.Value.SurveyUrl.TrimEnd('/')}/{trackingCode}";

    /// <summary>The tracking API (JSON), for machines; people follow <see cref="TrackingPageUrl"/>.</summary>
    public string TrackingUrl(string trackingCode) => $"{options.Value.PublicBaseUrl.TrimEnd('/')}/api/track/{trackingCode}";

    /// <summary>The citizen's HTML page of the case: its state, its file, and where to act online.</summary>
    public string TrackingPageUrl(string trackingCode) => $"{options.Value.PublicBaseUrl.TrimEnd('/')}/pratiche/{trackingCode}";

    /// <summary>The citizen's page to answer the office online: documents requested, observations on a notice of refusal.</summary>
    public string ReplyPageUrl(string trackingCode) => $"{TrackingPageUrl(trackingCode)}/rispondi";

    /// <summary>The receipt PDF in the citizen's personal area: the notice of start confirms the application with it (C.SE.1.2).</summary>
    public string ReceiptUrl(string trackingCode) => $"{options.Value.PublicBaseUrl.TrimEnd('/')}/area-personale/pratiche/{Uri.EscapeDataString(trackingCode)}/ricevuta";

    /// <summary>The case in the officers' API, linked from office messages.</summary>
    /// <summary>The case page of the operators' web app (offices' reminders and escalations link it; officers see their procedures' part).</summary>
    public string CaseUrl(Guid caseId) => $"{options.Value.PublicBaseUrl.TrimEnd('/')}/sportello/pratiche/{caseId}";

    /// <param name="procedureIds">The procedures the message is about; null: all of the case's.</param>
    /// <param name="text">What the timeline's message list shows.</param>
    public async Task SendAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid caseId, Guid[]? procedureIds, string template, string? text, JsonObject extra,
        string deduplicationKey, DateTimeOffset at, Action<Action>? onCommitted, CancellationToken ct, OfficeRecipient? office = null)
    {
        var found = await Db.JsonRowsAsync(c, tx, """
            SELECT json_build_object('citizen', citizen, 'protocol', protocol_number, 'receivedAt', received_at, 'tracking', tracking_code)::text FROM cases WHERE id = @id
            """, ct, ("id", caseId));
        var row = found[0];
        var citizen = row["citizen"]!.AsObject();
        var email = office?.Address ?? citizen["email"]?.GetValue<string>();
        if (office is null)
        {
            await CaseJournal.MessageAsync(c, tx, caseId, procedureIds is [var single] ? single : null, at, template, email, text, ct);
        }

        if (string.IsNullOrWhiteSpace(email))
        {
            return;
        }

        var procedures = await Db.JsonRowsAsync(c, tx, """
            SELECT json_build_object('name', name, 'agency', agency, 'office', office, 'officer', responsible_officer, 'due_at', due_at, 'silence_assent', silence_assent)::text
            FROM case_procedures WHERE case_id = @id AND (@ids::uuid[] IS NULL OR id = ANY(@ids::uuid[])) ORDER BY id
            """, ct, ("id", caseId), ("ids", procedureIds));
        var model = new JsonObject
        {
            ["citizen_name"] = $"{citizen["firstName"]} {citizen["lastName"]}",
            ["protocol_number"] = row["protocol"]!.GetValue<string>(),
            ["application_date"] = IsoDate(row["receivedAt"]),
            ["tracking_url"] = TrackingUrl(row["tracking"]!.GetValue<string>()),
            ["tracking_page_url"] = TrackingPageUrl(row["tracking"]!.GetValue<string>()),
            ["desk_name"] = options.Value.DeskName,
            ["procedures"] = new JsonArray([.. procedures.Select(p => (JsonNode)ProcedureModel(p["name"]!.GetValue<string>(), p["agency"]!.GetValue<string>(),
                p["office"]!.GetValue<string>(), p["officer"]?.GetValue<string>(), IsoDate(p["due_at"]), p["silence_assent"]!.GetValue<bool>()))]),
        };
        // The messages that ask the citizen for something link the page where they can answer online.
        if (template is "case-received")
        {
            model["receipt_url"] = ReceiptUrl(row["tracking"]!.GetValue<string>());
        }
        else if (template is "documents-requested")
        {
            model["upload_url"] = ReplyPageUrl(row["tracking"]!.GetValue<string>());
        }
        else if (template is "refusal-notice")
        {
            model["reply_url"] = ReplyPageUrl(row["tracking"]!.GetValue<string>());
        }

        foreach (var (key, value) in extra)
        {
            model[key] = value?.DeepClone();
        }

        var message = office is not null
            ? new CitizenMessage(deduplicationKey, template, "it", email, office.Name, model, caseId)
            : new CitizenMessage(deduplicationKey, template, citizen["preferredLanguage"]?.GetValue<string>() ?? "it", email,
                model["citizen_name"]!.GetValue<string>(), model, caseId);
        // A message that cannot be rendered must not stop the case: the savepoint undoes only the outbox's part.
        await tx.SaveAsync("citizen_message", ct);
        try
        {
            await mailer.EnqueueAsync(tx, message, ct);
            await tx.ReleaseAsync("citizen_message", ct);
            onCommitted?.Invoke(mailer.SignalCommitted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await tx.RollbackAsync("citizen_message", ct);
            logger.LogWarning(ex, "Message {Template} for case {CaseId} could not be queued", template, caseId);
            await CaseJournal.EventAsync(c, tx, caseId, null, at, "message-failed", $"Messaggio '{template}' non accodato: {ex.Message}", isPublic: false, ct);
        }
    }

    /// <summary>One entry of the shared <c>procedures</c> list: what every citizen message may say of a procedure.</summary>
    public JsonObject ProcedureModel(string name, string agencyId, string officeId, string? officer, string dueDate, bool silenceAssent)
    {
        var office = directory.FindOffice(officeId);
        return new JsonObject
        {
            ["name"] = name,
            ["agency"] = directory.FindAgency(agencyId)?.Name ?? office?.AgencyName ?? agencyId,
            ["office"] = office is not null ? $"{office.Name} – {office.AgencyName}" : officeId,
            ["officer"] = officer ?? office?.Supervisor ?? "Il responsabile dell'ufficio",
            ["due_date"] = dueDate,
            ["silence_assent"] = silenceAssent,
            ["substitute_authority"] = options.Value.SubstituteAuthority,
            ["substitute_authority_to"] = ItalianPreposition.To(options.Value.SubstituteAuthority),
        };
    }

    public static string IsoDate(JsonNode? instant) => instant is null ? "" :
        Terms.RomeTime.DateOf(DateTimeOffset.Parse(instant.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToString("yyyy-MM-dd");
}

/// <summary>An office addressee for the office templates (Italian only), which share the citizen messages' model.</summary>
public sealed record OfficeRecipient(string Address, string Name);
