using System.Text.Json.Nodes;
using CaseFlow.ServiceDefaults.Outcomes;
using CaseFlow.Workflows.Definitions;
using CaseFlow.Workflows.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CaseFlow.Cases.Intake;

/// <summary>
/// Starts the procedures of one intake: each procedure is one workflow instance, and the whole intake (protocol
/// registrations, case rows, clocks, the notice of start and the instances' first steps) is one unit of work.
/// </summary>
public sealed class CaseIntake(
    NpgsqlDataSource dataSource, IntakeValidation validation, Idempotency idempotency, WorkflowRuntime runtime, CaseClock caseClock, NoticeOfStart notice,
    CitizenMessages messages,
    TimeProvider clock, DeadlineSchedule deadlines,
    Microsoft.Extensions.Options.IOptions<CasesOptions> options, ILogger<CaseIntake> logger)
{
    // Intakes of one agency queue on its protocol counter row anyway; waiting here instead of inside an open
    // transaction keeps a burst of intakes from taking every pooled connection.
    private readonly SemaphoreSlim gate = new(options.Value.MaxConcurrentIntakes);

    /// <summary>
    /// Validates and starts the intake, or refuses it whole. With an idempotency key, a retry of the same request gets
    /// the first result again, and the same key with another request is refused.
    /// </summary>
    public async Task<Outcome<StartedCase>> StartAsync(IntakeCommand command, CancellationToken ct)
    {
        using var _ = CaseActor.Use(command.Actor);
        if (string.IsNullOrWhiteSpace(command.IdempotencyKey))
        {
            return await StartValidatedAsync(command, ct);
        }

        var hash = Idempotency.HashOf(command.Request);
        await using var lease = await idempotency.AcquireAsync(command.Actor, command.IdempotencyKey, ct);
        if (await lease.FindAsync(ct) is { } stored)
        {
            return stored.RequestHash == hash
                ? Idempotency.Read<StartedCase>(stored.Response)
                : new Problem(ProblemKind.Unprocessable, StartCase.IdempotencyHeader,
                    "Idempotency-Key già usata con un'altra richiesta. / Idempotency-Key reused with a different request.", "idempotency-key-reused");
        }

        var result = await StartValidatedAsync(command, ct);
        if (result.Succeeded)
        {
            await lease.SaveAsync(hash, StatusCodes.Status201Created, result.Value, clock.GetUtcNow(), ct);
        }

        return result;
    }

    private async Task<Outcome<StartedCase>> StartValidatedAsync(IntakeCommand command, CancellationToken ct)
    {
        var intake = command.Request;
        var (problem, items) = await validation.ValidateAsync(intake, ct);
        if (problem is not null)
        {
            return problem;
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
        if (intake.Company is { } company)
        {
            correspondent += $" per {company.Name!.Trim()} (P. IVA {Applicants.PartitaIva.Normalise(company.VatNumber!)})";
        }


        await gate.WaitAsync(ct);
        try
        {
            await StartProceduresAsync(intake, items, caseId, trackingCode, citizenJson, correspondent, receivedAt, now, started, command.DraftId, ct);
        }
        finally
        {
            gate.Release();
        }

        logger.LogInformation("Case {CaseId} started with {Procedures} procedure(s), protocol {Protocol}", caseId, started.Count, started[0].ProtocolNumber);
        return new StartedCase(caseId, started[0].ProtocolNumber, trackingCode, "open", started.Max(p => p.DueDate), started);
    }

    private async Task StartProceduresAsync(IntakeRequest intake, IReadOnlyList<ValidatedItem> items, Guid caseId, string trackingCode, JsonObject citizenJson,
        string correspondent, DateTimeOffset receivedAt, DateTimeOffset now, List<StartedProcedure> started, Guid? draftId, CancellationToken ct)
    {
        // One unit of work for the whole intake, in a straight line: the case, its procedures and their clocks, the
        // notice of start, then every instance runs until it waits. A bundle starts all its procedures or none.
        await using var work = await UnitOfWork.BeginAsync(dataSource, clock, CaseActor.Name, ct);
        var (connection, transaction) = (work.Connection, work.Transaction);
        var hashes = await DocumentHashesAsync(connection, transaction, intake.Documents, ct);
        var requests = new List<StartWorkflow>();
        var procedures = items.Select(item => item.Procedure).ToList();
        for (var i = 0; i < items.Count; i++)
        {
            var procedure = items[i].Procedure;
            // As the declared form typed it: the workflow reads numbers and yes/no answers, not the text a page posted.
            var formData = (JsonObject)items[i].FormData.DeepClone();
            var input = (JsonObject)formData.DeepClone();
            input["caseId"] = caseId.ToString();
            input["procedureId"] = procedure.Id;
            var procedureRowId = Guid.CreateVersion7();
            var instanceId = Guid.CreateVersion7().ToString("N");
            var dueAt = caseClock.DueAt(receivedAt, procedure.Sheet.Term, procedure.Sheet.Agency);
            // Registered now, not at request time: a queued intake must not carry an earlier time than a lower number.
            var protocolNumber = await ProtocolRegister.RegisterAsync(connection, transaction, new ProtocolRegistration(
                procedure.Sheet.Agency, clock.GetUtcNow(), ProtocolRegister.Incoming, correspondent, $"Istanza: {procedure.Sheet.Title} (canale {intake.Channel ?? "desk"})",
                i == 0 ? hashes : [], caseId, CaseActor.Name), ct);
            if (i == 0)
            {
                await InsertCaseAsync(connection, transaction, caseId, trackingCode, protocolNumber, citizenJson, intake, receivedAt, now, ct);
            }

            await InsertProcedureAsync(connection, transaction, procedureRowId, caseId, instanceId, procedure, protocolNumber, formData, dueAt, now, ct);
            await deadlines.ProcedureAsync(connection, transaction, caseId, procedureRowId, procedure.Sheet.Office, dueAt, ct);
            requests.Add(new StartWorkflow(procedure.Id, new VersionOptions("Specific", procedure.Version), input, caseId.ToString(), procedure.Sheet.Title, instanceId));
            started.Add(new StartedProcedure(procedureRowId, procedure.Id, procedure.Sheet.Title, protocolNumber, dueAt, "open"));
        }

        // One notice of start (art. 8) per intake, listing all its procedures, queued before anything the first steps send.
        await notice.SendAsync(connection, transaction, caseId, procedures, receivedAt, now, ct);

        await runtime.StartAllAsync(work, requests, ct);
        if (draftId is { } draft)
        {
            // The online draft goes with the intake that sends it: never a sent application still listed as a draft.
            await Db.ExecAsync(connection, transaction, "DELETE FROM application_drafts WHERE id = @id", ct, ("id", draft));
        }

        await work.CommitAsync(ct);
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

    private static async Task InsertCaseAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid caseId, string trackingCode, string protocolNumber, JsonObject citizen,
        IntakeRequest intake, DateTimeOffset receivedAt, DateTimeOffset now, CancellationToken ct)
    {
        var backdatedReason = IntakeValidation.IsBackdated(intake, now) ? IntakeValidation.ReasonOf(intake) : null;
        await Db.ExecAsync(c, tx, """
            INSERT INTO cases (id, tracking_code, protocol_number, fiscal_code, citizen, channel, received_at, received_at_reason, status, created_at, created_by,
                company, company_vat)
            VALUES (@id, @tracking, @protocol, @fiscal, @citizen, @channel, @received, @reason, 'open', @now, @by, @company, @vat)
            """, ct, ("company", intake.Company?.ToJson()), ("vat", intake.Company is { } company ? Applicants.PartitaIva.Normalise(company.VatNumber!) : null), ("id", caseId), ("tracking", trackingCode), ("protocol", protocolNumber), ("fiscal", citizen["fiscalCode"]!.GetValue<string>()),
            ("citizen", citizen), ("channel", intake.Channel ?? "desk"), ("received", receivedAt), ("reason", backdatedReason), ("now", now), ("by", CaseActor.Name));
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

        await CaseJournal.EventAsync(c, tx, caseId, null, now, "case-received",
            $"Pratica ricevuta (canale {intake.Channel ?? "desk"}), protocollo {protocolNumber}", isPublic: true, ct);
        if (backdatedReason is not null)
        {
            await CaseJournal.EventAsync(c, tx, caseId, null, now, "receipt-backdated",
                $"Registrazione differita: ricevuta il {RomeTime.DateOf(receivedAt):dd/MM/yyyy}, registrata il {RomeTime.DateOf(now):dd/MM/yyyy} da {CaseActor.Name}. Motivo: {backdatedReason}",
                isPublic: false, ct);
        }
        await CaseJournal.AuditAsync(c, tx, now, "case", caseId, "created", null,
            new JsonObject
            {
                ["status"] = "open", ["trackingCode"] = trackingCode, ["protocolNumber"] = protocolNumber, ["receivedAt"] = receivedAt.ToString("O"),
                ["receivedAtReason"] = backdatedReason,
            }, ct);
    }

    private static async Task InsertProcedureAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid id, Guid caseId, string instanceId, Procedure procedure,
        string protocolNumber, JsonObject formData, DateTimeOffset dueAt, DateTimeOffset now, CancellationToken ct)
    {
        await Db.ExecAsync(c, tx, """
            INSERT INTO case_procedures (id, case_id, instance_id, procedure_id, version, name, agency, office, term, responsible_officer, silence_assent,
                multiple_suspensions, protocol_number, form_data, due_at, status)
            VALUES (@id, @case, @instance, @procedure, @version, @name, @agency, @office, @term, @officer, @silence, @multiple, @protocol, @form, @due, 'open')
            """, ct, ("id", id), ("case", caseId), ("instance", instanceId), ("procedure", procedure.Id), ("version", procedure.Version),
            ("name", procedure.Sheet.Title), ("agency", procedure.Sheet.Agency), ("office", procedure.Sheet.Office), ("term", procedure.Sheet.Term),
            ("officer", procedure.Sheet.ResponsibleOfficer), ("silence", procedure.Sheet.SilenceAssent),
            ("multiple", procedure.Sheet.MultipleSuspensions), ("protocol", protocolNumber), ("form", formData), ("due", dueAt));
        var dueText = Terms.RomeTime.DateOf(dueAt).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        await CaseJournal.EventAsync(c, tx, caseId, id, now, "procedure-started",
            $"Avviato il procedimento \"{procedure.Sheet.Title}\" (protocollo {protocolNumber}); termine di conclusione {dueText}", isPublic: true, ct);
        await CaseJournal.AuditAsync(c, tx, now, "procedure", id, "created", null,
            new JsonObject { ["status"] = "open", ["procedureId"] = procedure.Id, ["version"] = procedure.Version, ["dueAt"] = dueAt.ToString("O") }, ct);
    }
}
