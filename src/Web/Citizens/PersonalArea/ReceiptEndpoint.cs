using CaseFlow.Cases.Receipts;
using CaseFlow.Cases.Tracking;
using CaseFlow.ServiceDefaults.Access;
using CaseFlow.Web.Citizens.Account;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Web.Citizens.PersonalArea;

/// <summary><c>GET /area-personale/pratiche/{code}/ricevuta</c>: the receipt PDF of one of the citizen's own cases (C.SE.1.2).</summary>
public static class ReceiptEndpoint
{
    public static string Path(string trackingCode) => $"/area-personale/pratiche/{Uri.EscapeDataString(trackingCode)}/ricevuta";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/area-personale/pratiche/{code}/ricevuta", async (string code, HttpContext http, CitizenCases cases, CaseReceipts receipts) =>
        {
            var citizen = SignedInCitizen.Of(http.User)!;
            if (await cases.FindAsync(citizen.FiscalCode, code, http.RequestAborted, citizen.CompanyVat) is not { } own)
            {
                return Results.NotFound();
            }

            var pdf = await receipts.CreateAsync(own.Id, http.User, http.RequestAborted);
            return pdf.Succeeded ? Results.File(pdf.Value.Content, ReceiptPdf.ContentType, pdf.Value.FileName) : Results.NotFound();
        }).RequireAuthorization(CitizenIdentity.Policy).ExcludeFromDescription();
}
