using CaseFlow.Workflows.Runtime;
using Npgsql;

namespace CaseFlow.Cases.Tracking;

/// <summary>What the office waits for from the citizen on a procedure, if anything.</summary>
public enum CitizenAction
{
    None,
    Documents,
    Observations,
}

public sealed record CitizenProcedure(Guid Id, string Name, string Status, string StatusText, string ProtocolNumber, string Office, DateTimeOffset DueAt,
    DateTimeOffset? ClosedAt, CitizenAction Awaited, string? Request);

public sealed record CitizenStage(DateTimeOffset At, string Text);

public sealed record CitizenMessageSent(DateTimeOffset At, string Template, string? Text);

public sealed record CitizenDocument(Guid Id, string FileName, long Size, string ProtocolNumber, DateTimeOffset UploadedAt);

/// <summary>One of the citizen's cases as their personal area shows it (C.SE.1.9, C.SE.1.10).</summary>
public sealed record CitizenCase(Guid Id, string TrackingCode, string ProtocolNumber, string Channel, DateTimeOffset ReceivedAt, string Status,
    IReadOnlyList<CitizenProcedure> Procedures, IReadOnlyList<CitizenStage> Stages, IReadOnlyList<CitizenMessageSent> Messages,
    IReadOnlyList<CitizenDocument> Documents, string? CompanyName = null);

/// <summary>
/// The cases of one citizen: only those whose applicant is that fiscal code, and those of the company they act for (the
/// partita IVA their digital identity carries). The personal area and the pages where a
/// citizen answers the office read through here, so no page can show another person's case.
/// </summary>
public sealed class CitizenCases(NpgsqlDataSource dataSource, WorkflowRuntime runtime, IOfficeDirectory directory)
{
    public const string OwnOrCompany = "(fiscal_code = @fiscal OR (@vat::text IS NOT NULL AND company_vat = @vat::text))";

    public async Task<IReadOnlyList<CitizenCase>> ListAsync(string fiscalCode, CancellationToken ct, string? companyVat = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var ids = new List<Guid>();
        await using (var command = Db.Command(connection, null, $"SELECT id FROM cases WHERE {OwnOrCompany} ORDER BY received_at DESC, id DESC LIMIT 200",
            ("fiscal", Intake.FiscalCode.Normalise(fiscalCode)), ("vat", Vat(companyVat))))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                ids.Add(reader.GetGuid(0));
            }
        }

        var cases = new List<CitizenCase>();
        foreach (var id in ids)
        {
            cases.Add((await ReadAsync(connection, id, ct))!);
        }

        return cases;
    }

    /// <summary>The case with this tracking code, when it is the citizen's own; null otherwise (unknown or someone else's).</summary>
    public async Task<CitizenCase?> FindAsync(string fiscalCode, string trackingCode, CancellationToken ct, string? companyVat = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var id = await Db.ScalarAsync<Guid?>(connection, null, $"SELECT id FROM cases WHERE tracking_code = @code AND {OwnOrCompany}", ct,
            ("code", trackingCode.Trim().ToUpperInvariant()), ("fiscal", Intake.FiscalCode.Normalise(fiscalCode)), ("vat", Vat(companyVat)));
        return id is { } found ? await ReadAsync(connection, found, ct) : null;
    }

    private async Task<CitizenCase?> ReadAsync(NpgsqlConnection connection, Guid id, CancellationToken ct)
    {
        var head = await Db.JsonRowsAsync(connection, null, """
            SELECT json_build_object('tracking', tracking_code, 'protocol', protocol_number, 'channel', channel, 'received', received_at, 'status', status, 'company', company->>'name')::text
            FROM cases WHERE id = @id
            """, ct, ("id", id));
        if (head.Count == 0)
        {
            return null;
        }

        var procedures = new List<CitizenProcedure>();
        foreach (var p in await Db.JsonRowsAsync(connection, null, """
            SELECT json_build_object('id', id, 'instance', instance_id, 'name', name, 'status', status, 'protocol', protocol_number, 'office', office,
                'due', due_at, 'closed', closed_at)::text
            FROM case_procedures WHERE case_id = @id ORDER BY id
            """, ct, ("id", id)))
        {
            var procedureId = Guid.Parse(p["id"]!.GetValue<string>());
            var instance = p["instance"]!.GetValue<string>();
            var awaited = await runtime.FindBookmarkAsync(instance, Integration.RequestIntegration.DocumentsKind, ct) is not null ? CitizenAction.Documents
                : await runtime.FindBookmarkAsync(instance, Integration.NoticeOfRefusal.ObservationsKind, ct) is not null ? CitizenAction.Observations
                : CitizenAction.None;
            var request = awaited == CitizenAction.None ? null : await Db.ScalarAsync<string>(connection, null, """
                SELECT text FROM case_messages WHERE case_id = @case AND procedure_id = @procedure AND template = @template ORDER BY id DESC LIMIT 1
                """, ct, ("case", id), ("procedure", procedureId), ("template", awaited == CitizenAction.Documents ? "documents-requested" : "refusal-notice"));
            var status = p["status"]!.GetValue<string>();
            procedures.Add(new CitizenProcedure(procedureId, p["name"]!.GetValue<string>(), status,
                awaited == CitizenAction.Observations ? "Preavviso di rigetto: in attesa delle sue osservazioni" : CaseTracker.StatusText(status),
                p["protocol"]!.GetValue<string>(), directory.FindOffice(p["office"]!.GetValue<string>())?.Name ?? p["office"]!.GetValue<string>(),
                Instant(p["due"])!.Value, Instant(p["closed"]), awaited, request));
        }

        var stages = (await Db.JsonRowsAsync(connection, null,
                "SELECT json_build_object('at', at, 'text', text)::text FROM case_events WHERE case_id = @id AND public ORDER BY id", ct, ("id", id)))
            .Select(e => new CitizenStage(Instant(e["at"])!.Value, e["text"]!.GetValue<string>())).ToList();
        var messages = (await Db.JsonRowsAsync(connection, null,
                "SELECT json_build_object('at', at, 'template', template, 'text', text)::text FROM case_messages WHERE case_id = @id ORDER BY id", ct, ("id", id)))
            .Select(m => new CitizenMessageSent(Instant(m["at"])!.Value, m["template"]!.GetValue<string>(), m["text"]?.GetValue<string>())).ToList();
        var documents = (await Db.JsonRowsAsync(connection, null, """
                SELECT json_build_object('id', id, 'name', file_name, 'size', size, 'protocol', protocol_number, 'at', uploaded_at)::text
                FROM case_documents WHERE case_id = @id ORDER BY uploaded_at, id
                """, ct, ("id", id)))
            .Select(d => new CitizenDocument(Guid.Parse(d["id"]!.GetValue<string>()), d["name"]!.GetValue<string>(), d["size"]!.GetValue<long>(),
                d["protocol"]!.GetValue<string>(), Instant(d["at"])!.Value)).ToList();
        var h = head[0];
        return new CitizenCase(id, h["tracking"]!.GetValue<string>(), h["protocol"]!.GetValue<string>(), h["channel"]!.GetValue<string>(),
            Instant(h["received"])!.Value, h["status"]!.GetValue<string>(), procedures, stages, messages, documents, h["company"]?.GetValue<string>());
    }

    private static string? Vat(string? companyVat) =>
        string.IsNullOrWhiteSpace(companyVat) ? null : Applicants.PartitaIva.Normalise(companyVat);

    private static DateTimeOffset? Instant(System.Text.Json.Nodes.JsonNode? node) =>
        node is null ? null : DateTimeOffset.Parse(node.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
}
