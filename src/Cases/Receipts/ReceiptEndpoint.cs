using CaseFlow.ServiceDefaults.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Cases.Receipts;

/// <summary><c>GET /api/cases/{id}/receipt</c>: the intake's receipt as a PDF, for whoever may read the case.</summary>
public static class ReceiptEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/cases/{id:guid}/receipt", async (Guid id, HttpContext http, CaseReceipts receipts, CancellationToken ct) =>
                (await receipts.CreateAsync(id, http.User, ct)).ToHttp(pdf => Results.File(pdf.Content, ReceiptPdf.ContentType, pdf.FileName)))
            .RequireAuthorization(CaseAccess.ReadPolicy).WithTags("Pratiche")
            .WithSummary("La ricevuta della pratica (PDF): protocolli, procedimenti, uffici, termini, codice e QR della pagina di tracciamento.");
}
