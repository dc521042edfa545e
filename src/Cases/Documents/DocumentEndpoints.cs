using System.Security.Cryptography;
using CaseFlow.ServiceDefaults.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CaseFlow.Cases.Documents;

public sealed record UploadedDocument(Guid Id, string FileName, string ContentType, long Size, string Sha256, string ProtocolNumber);

/// <summary>
/// <c>POST /api/documents</c> (multipart, field <c>file</c>): stores the bytes in PostgreSQL with their SHA-256 and
/// registers the document in the desk agency's protocol; <c>GET /api/documents/{id}</c> downloads it.
/// </summary>
public static class DocumentEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/documents", UploadAsync).RequireAuthorization(CaseAccess.ReadPolicy).WithTags("Documenti")
            .WithSummary("Carica un documento (pdf, png, jpeg, p7m, xml) e lo protocolla in entrata.");
        app.MapGet("/api/documents/{id:guid}", DownloadAsync).RequireAuthorization(CaseAccess.ReadPolicy).WithTags("Documenti");
    }

    // The form is read by hand: binding IFormFile would add antiforgery metadata meant for browser forms.
    private static async Task<IResult> UploadAsync(HttpContext http, NpgsqlDataSource db, IOptions<CasesOptions> options, IOfficeDirectory directory,
        TimeProvider clock, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
        {
            return Problems.Validation("file", "Inviare il documento come multipart/form-data nel campo 'file'. / Send the file as multipart/form-data field 'file'.");
        }

        var form = await http.Request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
        {
            return Problems.Validation("file", "Manca il file nel campo 'file'. / The 'file' field is missing or empty.");
        }

        if (file.Length > options.Value.MaxDocumentBytes)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, type: "https://caseflow.example/problems/too-large",
                title: "Documento troppo grande. / Document too large.", detail: $"Al massimo {options.Value.MaxDocumentBytes} byte.",
                extensions: new Dictionary<string, object?> { ["field"] = "file", ["errors"] = new Dictionary<string, string[]> { ["file"] = ["too large"] } });
        }

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, ct);
        }

        var fileName = Path.GetFileName(file.FileName);
        var contentType = DocumentFormats.Recognise(fileName, bytes.AsSpan(0, Math.Min(bytes.Length, 16)));
        if (contentType is null)
        {
            return Problems.Validation("file", $"Formato non ammesso: sono accettati {DocumentFormats.Allowed}. / Format not allowed.");
        }

        using var _ = CaseActor.Use(http.User);
        var sha256 = Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
        var id = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        var correspondent = form["correspondent"].ToString() is { Length: > 0 } given ? given : "Sportello polifunzionale";
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var number = await ProtocolRegister.RegisterAsync(connection, transaction, new ProtocolRegistration(
            directory.DeskAgency, now, ProtocolRegister.Incoming, correspondent, $"Documento: {fileName}", [sha256], null, CaseActor.Name), ct);
        await Db.ExecAsync(connection, transaction, """
            INSERT INTO case_documents (id, file_name, content_type, size, sha256, content, protocol_number, uploaded_at, uploaded_by)
            VALUES (@id, @name, @type, @size, @sha, @content, @number, @now, @by)
            """, ct, ("id", id), ("name", fileName), ("type", contentType), ("size", (long)bytes.Length), ("sha", sha256), ("content", bytes),
            ("number", number), ("now", now), ("by", CaseActor.Name));
        await CaseJournal.AuditAsync(connection, transaction, now, "document", id, "uploaded", null,
            new System.Text.Json.Nodes.JsonObject { ["fileName"] = fileName, ["sha256"] = sha256, ["protocolNumber"] = number }, ct);
        await transaction.CommitAsync(ct);
        return Results.Created($"/api/documents/{id}", new UploadedDocument(id, fileName, contentType, bytes.Length, sha256, number));
    }

    private static async Task<IResult> DownloadAsync(Guid id, HttpContext http, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var command = Db.Command(connection, null,
            "SELECT file_name, content_type, content, case_id, uploaded_by, procedure_id FROM case_documents WHERE id = @id", ("id", id));
        string fileName, contentType, uploadedBy;
        byte[] content;
        Guid? caseId, procedureId;
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct))
            {
                return Problems.NotFound("id", "Nessun documento con questo id. / No document with this id.");
            }

            (fileName, contentType, content) = (reader.GetString(0), reader.GetString(1), reader.GetFieldValue<byte[]>(2));
            caseId = reader.IsDBNull(3) ? null : reader.GetGuid(3);
            uploadedBy = reader.GetString(4);
            procedureId = reader.IsDBNull(5) ? null : reader.GetGuid(5);
        }

        // A document brought for one procedure of a bundle is read only by the offices of that procedure.
        var allowed = caseId is { } c
            ? await CaseAccess.CanSeeAsync(connection, http.User, c, ct)
              && (procedureId is not { } p || await CaseAccess.VisibleProceduresAsync(connection, http.User, c, ct) is not { } visible || visible.Contains(p))
            : CaseAccess.SeesAll(http.User) || uploadedBy == CaseActor.NameOf(http.User);
        if (allowed && caseId is { } read)
        {
            await CaseReads.RecordAsync(connection, http.User, read, "document", fileName, http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(), ct);
        }

        return allowed
            ? Results.File(content, contentType, fileName)
            : Problems.Forbidden("id", "Il documento è di una pratica che non riguarda i suoi uffici. / Not one of your offices' cases.");
    }
}
