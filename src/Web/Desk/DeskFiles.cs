using CaseFlow.Cases.CaseFile;
using CaseFlow.Cases.Documents;
using CaseFlow.Cases.Receipts;
using CaseFlow.ServiceDefaults.Outcomes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace CaseFlow.Web.Desk;

/// <summary>
/// The files the desk's pages link to, behind the operator's sign-in: the receipt PDF and the case's documents
/// (attachment, or inline for the PDF preview). A refusal is a status code, which the browsers' error pages render.
/// </summary>
internal static class DeskFiles
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/sportello/pratiche/{id:guid}/ricevuta", async (Guid id, HttpContext http, CaseReceipts receipts) =>
            Answer(await receipts.CreateAsync(id, http.User, http.RequestAborted), pdf => Results.File(pdf.Content, ReceiptPdf.ContentType, pdf.FileName)))
            .RequireAuthorization(CaseAccess.ReadPolicy);

        app.MapGet("/sportello/documenti/{id:guid}", async (Guid id, HttpContext http, CaseDocuments documents, string? anteprima) =>
            Answer(await documents.DownloadAsync(id, http.User, http.RequestAborted), document =>
            {
                if (anteprima is null || document.ContentType != "application/pdf")
                {
                    return Results.File(document.Content, document.ContentType, document.FileName);
                }

                // Inline, for the browser's own PDF viewer; the name still travels for "save as".
                http.Response.Headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("inline") { FileNameStar = document.FileName }.ToString();
                http.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
                return Results.Bytes(document.Content, document.ContentType);
            }))
            .RequireAuthorization(CaseAccess.ReadPolicy);
    }

    private static IResult Answer<T>(Outcome<T> outcome, Func<T, IResult> ok) => outcome.Succeeded
        ? ok(outcome.Value)
        : Results.StatusCode(outcome.Problem.Kind switch
        {
            ProblemKind.NotFound => StatusCodes.Status404NotFound,
            ProblemKind.Forbidden => StatusCodes.Status403Forbidden,
            _ => StatusCodes.Status400BadRequest,
        });
}
