using System.Text.Json.Nodes;
using CaseFlow.ServiceDefaults.Http;
using CaseFlow.Workflows.Definitions;
using CaseFlow.Workflows.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CaseFlow.Cases.Intake;

/// <summary>
/// Starts the procedures of one intake. Each procedure is one workflow instance started in one transaction that
/// also registers the application in the agency's protocol and writes the case rows (<see cref="StartWorkflow.OnCreated"/>).
/// </summary>
public sealed class CaseIntake(
    IntakeValidation validation, Idempotency idempotency, WorkflowRuntime runtime, CaseClock caseClock, IOfficeDirectory directory, CitizenMessages messages,
    TimeProvider clock, DeadlineSchedule deadlines,
    Microsoft.Extensions.Options.IOptions<CasesOptions> options, ILogger<CaseIntake> logger)
{
    // A burst of intakes waits here rather than inside open transactions, so it cannot take every pooled connection.
    private readonly SemaphoreSlim gate = new(options.Value.MaxConcurrentIntakes);

    public async Task<IResult> StartAsync(Intake intake, object request, HttpContext http, CancellationToken ct)
    {
        var actor = CaseActor.NameOf(http.User);
        using var _ = CaseActor.Use(actor);
        string? key = http.Request.Headers[StartCase.IdempotencyHeader];
        if (string.IsNullOrWhiteSpace(key))
        {
            return await StartValidatedAsync(intake, ct);
        }

        var hash = Idempotency.HashOf(request);
        await using var lease = await idempotency.AcquireAsync(actor, key, ct);
        if (await lease.FindAsync(ct) is { } stored)
        {
            return stored.RequestHash == hash
                ? Results.Json(stored.Response, statusCode: stored.StatusCode)
                : Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, type: "https://caseflow.example/problems/idempotency-key-reused",
                    title: "Idempotency-Key già usata con un'altra richiesta. / Idempotency-Key reused with a different request.",
                    extensions: new Dictionary<string, object?> { ["field"] = StartCase.IdempotencyHeader });
        }

        var result = await StartValidatedAsync(intake, ct);
        if (result is IValueHttpResult { Value: StartedCase started })
        {
            await lease.SaveAsync(hash, StatusCodes.Status201Created, started, clock.GetUtcNow(), ct);
        }

        return result;
    }

    private async Task<IResult> StartValidatedAsync(Intake intake, CancellationToken ct)
    {
        var (error, procedures) = await validation.ValidateAsync(intake, ct);
        if (error is not null)
        {
            return Problems.Validation(error.Field, error.Message);
        }

        var citizen = intake.Citizen!;
        var now = clock.GetUtcNow();
        var receivedAt = intake.ReceivedAt ?? now;
        var caseId = Guid.CreateVersion7();
        var trackingCode = TrackingCode.New();
        var started = new List<StartedProcedure>();
        var citizenJson = new JsonObject
        {
            ["fiscalCode"] = FiscalCode.Normalise(citizen.FiscalCode!),
            ["firstName"] = citizen.FirstName!.Trim(),
            ["lastName"] = citizen.LastName!.Trim(),
            ["email"] = citizen.Email?.Trim(),
            ["phone"] = citizen.Phone?.Trim(),
            ["preferredLanguage"] = citizen.PreferredLanguage ?? "it",
        };
        var correspondent = $"{citizenJson["firstName"]} {citizenJson["lastName"]} ({citizenJson["fiscalCode"]})";

        await gate.WaitAsync(ct);
        try
        {
            await StartProceduresAsync(intake, procedures, caseId, trackingCode, citizenJson, correspondent, receivedAt, now, started, ct);
        }
        finally
        {
            gate.Release();
        }

        logger.LogInformation("Case {CaseId} started with {Procedures} procedure(s), protocol {Protocol}", caseId, started.Count, started[0].ProtocolNumber);
        var response = new StartedCase(caseId, started[0].ProtocolNumber, trackingCode, "open", started.Max(p => p.DueDate), started);
        return Results.Created($"/api/cases/{caseId}", response);
    }

    private async Task StartProceduresAsync(Intake intake, IReadOnlyList<Procedure> procedures, Guid caseId, string trackingCode, JsonObject citizenJson,
        string correspondent, DateTimeOffset receivedAt, DateTimeOffset now, List<StartedProcedure> started, CancellationToken ct)
    {
        // One transaction for the whole intake: a bundle starts all its procedures or none.
        var requests = new List<StartWorkflow>();
        var numbers = new string[procedures.Count];
        var registrations = new IntakeRegistration[procedures.Count];
        var entries = new (Guid RowId, string Agency, string Subject, string[] Hashes)[procedures.Count];
        for (var i = 0; i < procedures.Count; i++)
        {
            var procedure = procedures[i];
            var index = i;
            var formData = (JsonObject?)intake.Items[i].FormData?.DeepClone() ?? [];
            var input = (JsonObject)formData.DeepClone();
            input["caseId"] = caseId.ToString();
            input["procedureId"] = procedure.Id;
            var procedureRowId = Guid.CreateVersion7();
            var dueAt = caseClock.DueAt(receivedAt, procedure.Sheet.Term, procedure.Sheet.Agency);
            var first = i == 0;
            requests.Add(new StartWorkflow(procedure.Id, new VersionOptions("Specific", procedure.Version), input, caseId.ToString(), procedure.Sheet.Title,
                OnCreated: async (connection, transaction, instanceId) =>
                {
                    var hashes = first ? await DocumentHashesAsync(connection, transaction, intake.Documents, ct) : [];
                    var registration = registrations[index] = new IntakeRegistration(procedureRowId);
                    entries[index] = (procedureRowId, procedure.Sheet.Agency, $"Istanza: {procedure.Sheet.Title} (canale {intake.Channel ?? "desk"})", hashes);
                    await registration.ReserveAsync(connection, transaction, first ? 2 : 1, ct);
                    if (first)
                    {
                        await InsertCaseAsync(connection, transaction, registration, caseId, trackingCode, citizenJson, intake, receivedAt, now, ct);
                    }

                    await InsertProcedureAsync(connection, transaction, registration, procedureRowId, caseId, instanceId, procedure, formData, dueAt, now, ct);
                    await deadlines.ProcedureAsync(connection, transaction, caseId, procedureRowId, procedure.Sheet.Office, dueAt, ct);
                }));
            started.Add(new StartedProcedure(procedureRowId, procedure.Id, procedure.Sheet.Title, "", dueAt, "open"));
        }

        // The numbers after the whole workflow step: each agency's counter row stays locked only from here to the commit,
        // with nothing in between but the notice of start, which quotes the number. Agencies in a fixed order, so two
        // bundles naming the same agencies cannot wait on each other.
        await runtime.StartAllAsync(requests, ct, beforeCommit: async (connection, transaction) =>
        {
            foreach (var i in Enumerable.Range(0, procedures.Count).OrderBy(i => entries[i].Agency, StringComparer.Ordinal).ThenBy(i => i))
            {
                // Registered now, not at request time: a queued intake must not carry an earlier time than a lower number.
                numbers[i] = await registrations[i].RegisterAsync(connection, transaction, caseId, entries[i].RowId, new ProtocolRegistration(
                    entries[i].Agency, clock.GetUtcNow(), ProtocolRegister.Incoming, correspondent, entries[i].Subject, entries[i].Hashes, caseId, CaseActor.Name), now, ct);
            }

            // The notice of start (art. 8) quotes the number, so it follows it. One per intake: a bundle's lists all its procedures.
            var text = string.Join(" ", procedures.Select(p =>
                $"{p.Sheet.Title}: ufficio {directory.FindOffice(p.Sheet.Office)?.Name ?? p.Sheet.Office}, responsabile {p.Sheet.ResponsibleOfficer ?? "il dirigente dell'ufficio"}."));
            await messages.SendAsync(connection, transaction, caseId, null, "case-received", $"Comunicazione di avvio del procedimento (art. 8 L. 241/1990). {text}",
                [], $"case-received:{caseId}", now, null, ct);
        });
        for (var i = 0; i < started.Count; i++)
        {
            started[i] = started[i] with { ProtocolNumber = numbers[i] };
        }

        messages.SignalCommitted();
    }

    private static async Task<string[]> DocumentHashesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid[]? documents, CancellationToken ct)
    {
        if (documents is not { Length: > 0 })
        {
            return [];
        }

        await using var command = Db.Command(connection, transaction, "SELECT sha256 FROM case_documents WHERE id = ANY(@ids) ORDER BY id", ("ids", documents));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var hashes = new List<string>();
        while (await reader.ReadAsync(ct))
        {
            hashes.Add(reader.GetString(0));
        }

        return [.. hashes];
    }

    private static async Task InsertCaseAsync(NpgsqlConnection c, NpgsqlTransaction tx, IntakeRegistration registration, Guid caseId, string trackingCode, JsonObject citizen,
        Intake intake, DateTimeOffset receivedAt, DateTimeOffset now, CancellationToken ct)
    {
        var protocolNumber = registration.Placeholder;
        await Db.ExecAsync(c, tx, """
            INSERT INTO cases (id, tracking_code, protocol_number, fiscal_code, citizen, channel, received_at, status, created_at, created_by)
            VALUES (@id, @tracking, @protocol, @fiscal, @citizen, @channel, @received, 'open', @now, @by)
            """, ct, ("id", caseId), ("tracking", trackingCode), ("protocol", protocolNumber), ("fiscal", citizen["fiscalCode"]!.GetValue<string>()),
            ("citizen", citizen), ("channel", intake.Channel ?? "desk"), ("received", receivedAt), ("now", now), ("by", CaseActor.Name));
        if (intake.Documents is { Length: > 0 } documents)
        {
            // Only documents still unattached: a concurrent intake that took one makes this one fail, not share it.
            var attached = await Db.ExecAsync(c, tx, "UPDATE case_documents SET case_id = @case WHERE id = ANY(@ids) AND case_id IS NULL", ct,
                ("case", caseId), ("ids", documents.Distinct().ToArray()));
            if (attached != documents.Distinct().Count())
            {
                throw new InvalidOperationException("A document was attached to another case meanwhile.");
            }
        }

        registration.Event(null, "case-received", $"Pratica ricevuta (canale {intake.Channel ?? "desk"}), protocollo {protocolNumber}");
        registration.Audit("case", caseId, new JsonObject { ["status"] = "open", ["trackingCode"] = trackingCode, ["protocolNumber"] = protocolNumber });
    }

    private static async Task InsertProcedureAsync(NpgsqlConnection c, NpgsqlTransaction tx, IntakeRegistration registration, Guid id, Guid caseId, string instanceId,
        Procedure procedure, JsonObject formData, DateTimeOffset dueAt, DateTimeOffset now, CancellationToken ct)
    {
        var protocolNumber = registration.Placeholder;
        await Db.ExecAsync(c, tx, """
            INSERT INTO case_procedures (id, case_id, instance_id, procedure_id, version, name, agency, office, term, responsible_officer, silence_assent,
                multiple_suspensions, protocol_number, form_data, due_at, status)
            VALUES (@id, @case, @instance, @procedure, @version, @name, @agency, @office, @term, @officer, @silence, @multiple, @protocol, @form, @due, 'open')
            """, ct, ("id", id), ("case", caseId), ("instance", instanceId), ("procedure", procedure.Id), ("version", procedure.Version),
            ("name", procedure.Sheet.Title), ("agency", procedure.Sheet.Agency), ("office", procedure.Sheet.Office), ("term", procedure.Sheet.Term),
            ("officer", procedure.Sheet.ResponsibleOfficer), ("silence", procedure.Sheet.SilenceAssent),
            ("multiple", procedure.Sheet.MultipleSuspensions), ("protocol", protocolNumber), ("form", formData), ("due", dueAt));
        var dueText = Terms.RomeTime.DateOf(dueAt).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        registration.Event(id, "procedure-started", $"Avviato il procedimento \"{procedure.Sheet.Title}\" (protocollo {protocolNumber}); termine di conclusione {dueText}");
        registration.Audit("procedure", id, new JsonObject { ["status"] = "open", ["procedureId"] = procedure.Id, ["version"] = procedure.Version, ["dueAt"] = dueAt.ToString("O") });
    }
}
