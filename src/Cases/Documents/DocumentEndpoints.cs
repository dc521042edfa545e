using CaseFlow.ServiceDefaults.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

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
    private static async Task<IResult> UploadAsync(HttpContext http, CaseDocuments documents, CancellationToken ct)
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

        // Refused before the bytes are read into memory.
        if (file.Length > documents.MaxBytes)
        {
            return TooLarge(documents.MaxBytes);
        }

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, ct);
        }

        var uploaded = await documents.UploadAsync(new DocumentUpload(file.FileName, bytes, form["correspondent"].ToString()), http.User, ct);
        return uploaded.Succeeded
            ? Results.Created($"/api/documents/{uploaded.Value.Id}", uploaded.Value)
            : uploaded.Problem.Type == "too-large" ? TooLarge(documents.MaxBytes) : uploaded.Problem.ToHttp();
    }

    private static IResult TooLarge(long max) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, type: "https://caseflow.example/problems/too-large",
            title: "Documento troppo grande. / Document too large.", detail: $"Al massimo {max} byte.",
            extensions: new Dictionary<string, object?> { ["field"] = "file", ["errors"] = new Dictionary<string, string[]> { ["file"] = ["too large"] } });

    private static async Task<IResult> DownloadAsync(Guid id, HttpContext http, CaseDocuments documents, CancellationToken ct) =>
        (await documents.DownloadAsync(id, http.User, ct)).ToHttp(document => Results.File(document.Content, document.ContentType, document.FileName));
}
