using System.Security.Claims;
using CaseFlow.ServiceDefaults.Outcomes;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CaseFlow.Cases.Receipts;

/// <summary>
/// The ricevuta of an intake (art. 18-bis L. 241/1990): protocol numbers, date, citizen, procedures with their
/// offices, responsible officers and terms, the tracking code and a QR code of the tracking page. The front desk
/// prints it after intake; the online desk attaches it to the confirmation.
/// </summary>
public sealed class CaseReceipts(
    NpgsqlDataSource dataSource, CaseFileReader reader, IOfficeDirectory directory, CitizenMessages messages, ReceiptFonts fonts,
    IOptions<CasesOptions> options, TimeProvider clock)
{
    /// <summary>The receipt of a case the user may see (the case file's own access rule), or its problem.</summary>
    public async Task<Outcome<ReceiptPdf>> CreateAsync(Guid caseId, ClaimsPrincipal user, CancellationToken ct)
    {
        var file = await reader.GetAsync(caseId, user, ct);
        return file.Succeeded ? await CreateAsync(file.Value, ct) : file.Problem;
    }

    /// <summary>The receipt of a case file the caller has already been allowed to read.</summary>
    public async Task<ReceiptPdf> CreateAsync(CaseFileView file, CancellationToken ct)
    {
        var receipt = await ReadAsync(file, ct);
        return new ReceiptPdf($"ricevuta-{file.TrackingCode}.pdf", ReceiptLayout.Render(receipt, fonts));
    }

    public async Task<Receipt> ReadAsync(CaseFileView file, CancellationToken ct)
    {
        // The officer and the silence-assent rule are stored per procedure at intake: the sheet may have changed since.
        var stored = new Dictionary<Guid, (string? Officer, bool SilenceAssent)>();
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        await using (var command = Db.Command(connection, null,
                         "SELECT id, responsible_officer, silence_assent FROM case_procedures WHERE case_id = @case", ("case", file.Id)))
        await using (var rows = await command.ExecuteReaderAsync(ct))
        {
            while (await rows.ReadAsync(ct))
            {
                stored[rows.GetGuid(0)] = (rows.IsDBNull(1) ? null : rows.GetString(1), !rows.IsDBNull(2) && rows.GetBoolean(2));
            }
        }

        var procedures = file.Procedures.Select(p => new ReceiptProcedure(
            p.Name,
            directory.FindAgency(p.Agency)?.Name ?? p.Agency,
            directory.FindOffice(p.Office)?.Name ?? p.Office,
            stored.TryGetValue(p.Id, out var s) ? s.Officer : null,
            p.ProtocolNumber,
            p.DueDate,
            stored.TryGetValue(p.Id, out var t) && t.SilenceAssent)).ToList();
        var documents = file.Documents.Select(d => new ReceiptDocument(d.FileName, d.ProtocolNumber)).ToList();
        return new Receipt(file.Id, options.Value.DeskName, file.TrackingCode, messages.TrackingPageUrl(file.TrackingCode), file.ReceivedAt, clock.GetUtcNow(),
            file.Channel, $"{file.Citizen.FirstName} {file.Citizen.LastName}", file.Citizen.FiscalCode, procedures, documents);
    }
}
