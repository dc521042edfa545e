using System.Security.Claims;
using System.Security.Cryptography;
using CaseFlow.ServiceDefaults.Outcomes;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CaseFlow.Cases.Documents;

/// <summary>A file handed in: its name as the person's computer called it, and its bytes.</summary>
public sealed record DocumentUpload(string FileName, byte[] Content, string? Correspondent = null);

/// <summary>A stored document's bytes, for download.</summary>
public sealed record StoredDocument(Guid Id, string FileName, string ContentType, byte[] Content);

/// <summary>
/// Documents brought to the desk (or sent online): the type is recognised from the bytes, not the name; each one is
/// stored with its SHA-256 and registered as incoming in the desk agency's protocol, in one transaction.
/// </summary>
public sealed class CaseDocuments(NpgsqlDataSource dataSource, IOptions<CasesOptions> options, IOfficeDirectory directory, TimeProvider clock)
{
    public long MaxBytes => options.Value.MaxDocumentBytes;

    public async Task<Outcome<UploadedDocument>> UploadAsync(DocumentUpload upload, ClaimsPrincipal user, CancellationToken ct)
    {
        var fileName = Path.GetFileName(upload.FileName ?? "");
        if (upload.Content.Length == 0 || fileName.Length == 0)
        {
            return Problem.Validation("file", "Il file è vuoto o senza nome. / The file is empty or has no name.");
        }

        if (upload.Content.Length > MaxBytes)
        {
            return new Problem(ProblemKind.Unprocessable, "file",
                $"«{fileName}» è troppo grande: al massimo {MaxBytes / (1024 * 1024)} MB. / «{fileName}» is too large: at most {MaxBytes / (1024 * 1024)} MB.", "too-large");
        }

        var contentType = DocumentFormats.Recognise(fileName, upload.Content.AsSpan(0, Math.Min(upload.Content.Length, 16)));
        if (contentType is null)
        {
            return Problem.Validation("file", $"«{fileName}»: formato non ammesso; sono accettati {DocumentFormats.Allowed}. / «{fileName}»: format not allowed.");
        }

        using var _ = CaseActor.Use(user);
        var sha256 = Convert.ToHexString(SHA256.HashData(upload.Content)).ToLowerInvariant();
        var id = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        var correspondent = string.IsNullOrWhiteSpace(upload.Correspondent) ? "Sportello polifunzionale" : upload.Correspondent.Trim();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var number = await ProtocolRegister.RegisterAsync(connection, transaction, new ProtocolRegistration(
            directory.DeskAgency, now, ProtocolRegister.Incoming, correspondent, $"Documento: {fileName}", [sha256], null, CaseActor.Name), ct);
        await Db.ExecAsync(connection, transaction, """
            INSERT INTO case_documents (id, file_name, content_type, size, sha256, content, protocol_number, uploaded_at, uploaded_by)
            VALUES (@id, @name, @type, @size, @sha, @content, @number, @now, @by)
            """, ct, ("id", id), ("name", fileName), ("type", contentType), ("size", (long)upload.Content.Length), ("sha", sha256), ("content", upload.Content),
            ("number", number), ("now", now), ("by", CaseActor.Name));
        await CaseJournal.AuditAsync(connection, transaction, now, "document", id, "uploaded", null,
            new System.Text.Json.Nodes.JsonObject { ["fileName"] = fileName, ["sha256"] = sha256, ["protocolNumber"] = number }, ct);
        await transaction.CommitAsync(ct);
        return new UploadedDocument(id, fileName, contentType, upload.Content.Length, sha256, number);
    }

    /// <summary>
    /// The documents of <paramref name="ids"/> not yet attached to a case that this person uploaded (or any, for those
    /// who see every case): what a form that was refused still carries.
    /// </summary>
    public async Task<IReadOnlyList<UploadedDocument>> PendingAsync(IEnumerable<Guid> ids, ClaimsPrincipal user, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToArray();
        if (wanted.Length == 0)
        {
            return [];
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var command = Db.Command(connection, null, """
            SELECT id, file_name, content_type, size, sha256, protocol_number FROM case_documents
             WHERE id = ANY(@ids) AND case_id IS NULL AND (uploaded_by = @by OR @all) ORDER BY uploaded_at, id
            """, ("ids", wanted), ("by", CaseActor.NameOf(user)), ("all", CaseAccess.SeesAll(user)));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var found = new List<UploadedDocument>();
        while (await reader.ReadAsync(ct))
        {
            found.Add(new UploadedDocument(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4),
                reader.IsDBNull(5) ? "" : reader.GetString(5)));
        }

        return found;
    }

    /// <summary>A document of a case the person may see, or one they uploaded that is not attached yet.</summary>
    public async Task<Outcome<StoredDocument>> DownloadAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var command = Db.Command(connection, null,
            "SELECT file_name, content_type, content, case_id, uploaded_by FROM case_documents WHERE id = @id", ("id", id));
        string fileName, contentType, uploadedBy;
        byte[] content;
        Guid? caseId;
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct))
            {
                return Problem.NotFound("id", "Nessun documento con questo id. / No document with this id.");
            }

            (fileName, contentType, content) = (reader.GetString(0), reader.GetString(1), reader.GetFieldValue<byte[]>(2));
            caseId = reader.IsDBNull(3) ? null : reader.GetGuid(3);
            uploadedBy = reader.GetString(4);
        }

        var allowed = caseId is { } c
            ? await CaseAccess.CanSeeAsync(connection, user, c, ct)
            : CaseAccess.SeesAll(user) || uploadedBy == CaseActor.NameOf(user);
        return allowed
            ? new StoredDocument(id, fileName, contentType, content)
            : Problem.Forbidden("id", "Il documento è di una pratica che non riguarda i suoi uffici. / Not one of your offices' cases.");
    }
}
