using CaseFlow.Cases.Drafts;
using CaseFlow.ServiceDefaults.Access;
using CaseFlow.Web.Citizens.Account;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Web.Citizens.PersonalArea;

/// <summary><c>POST /area-personale/bozze/{id}/elimina</c>: the citizen deletes one of their own drafts ("Elimina").</summary>
public static class DraftEndpoints
{
    public static string DeletePath(Guid id) => $"/area-personale/bozze/{id}/elimina";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/area-personale/bozze/{id:guid}/elimina", async (Guid id, HttpContext http, IAntiforgery antiforgery, ApplicationDrafts drafts) =>
        {
            try
            {
                await antiforgery.ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                return Results.BadRequest();
            }

            var citizen = SignedInCitizen.Of(http.User)!;
            // Someone else's draft (or none) is simply not found: nobody learns that it exists.
            return await drafts.DeleteAsync(citizen.FiscalCode, id, http.RequestAborted)
                ? Results.Redirect("/area-personale?bozza=eliminata")
                : Results.NotFound();
        }).RequireAuthorization(CitizenIdentity.Policy).DisableAntiforgery().ExcludeFromDescription();
}
