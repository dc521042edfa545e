using System.Security.Cryptography;
using CaseFlow.ServiceDefaults.Outcomes;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CaseFlow.Cases.Documents;

/// <summary>An upload to store: its bytes (already read within the size cap), its name, who sent it.</summary>
public sealed record DocumentUpload(string FileName, byte[] Content, string Correspondent, string Actor);

/// <summary>
/// Stores a document: checks its kind by content (not by its name alone), keeps the bytes with their SHA-256, and
/// registers it in the desk agency's protocol as incoming, in one transaction. The desk's API and the citizens' pages
/// store through here.
/// </summary>
public sealed class DocumentStore(NpgsqlDataSource dataSource, IOptions<CasesOptions> options, IOfficeDirectory directory, TimeProvider clock)
{
    public long MaxBytes => options.Value.MaxDocumentBytes;

    public async Task<Outcome<UploadedDocument>> StoreAsync(DocumentUpload upload, string field, CancellationToken ct)
    {
        if (upload.Content.Length == 0)
        {
            return Problem.Validation(field, "Il file è vuoto. / The file is empty.");
        }

        if (upload.Content.Length > MaxBytes)
        {
            return Problem.Validation(field, $"Il file supera la dimensione massima di {MaxBytes / (1024 * 1024)} MB. / The file is too large.");
        }

        var fileName = Path.GetFileName(upload.FileName);
        var contentType = DocumentFormats.Recognise(fileName, upload.Content.AsSpan(0, Math.Min(upload.Content.Length, 16)));
        if (contentType is null)
        {
            return Problem.Validation(field, $"Formato non ammesso: sono accettati {DocumentFormats.Allowed}, e il contenuto deve corrispondere all'estensione. / Format not allowed.");
        }

        var sha256 = Convert.ToHexString(SHA256.HashData(upload.Content)).ToLowerInvariant();
        var id = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var number = await ProtocolRegister.RegisterAsync(connection, transaction, new ProtocolRegistration(
            directory.DeskAgency, now, ProtocolRegister.Incoming, upload.Correspondent, $"Documento: {fileName}", [sha256], null, upload.Actor), ct);
        await Db.ExecAsync(connection, transaction, """
            INSERT INTO case_documents (id, file_name, content_type, size, sha256, content, protocol_number, uploaded_at, uploaded_by)
            VALUES (@id, @name, @type, @size, @sha, @content, @number, @now, @by)
            """, ct, ("id", id), ("name", fileName), ("type", contentType), ("size", (long)upload.Content.Length), ("sha", sha256), ("content", upload.Content),
            ("number", number), ("now", now), ("by", upload.Actor));
        await CaseJournal.AuditAsync(connection, transaction, now, "document", id, "uploaded", null,
            new System.Text.Json.Nodes.JsonObject { ["fileName"] = fileName, ["sha256"] = sha256, ["protocolNumber"] = number }, ct);
        await transaction.CommitAsync(ct);
        return new UploadedDocument(id, fileName, contentType, upload.Content.Length, sha256, number);
    }
}
