using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Cases.Organisation;

/// <summary><c>GET /api/organisation</c>: the agencies at the desk and their offices.</summary>
public static class OrganisationEndpoint
{
    public static void MapOrganisation(IEndpointRouteBuilder app) =>
        app.MapGet("/api/organisation", (IOfficeDirectory directory) => Results.Ok(new { deskAgency = directory.DeskAgency, agencies = directory.Agencies }))
            .RequireAuthorization().WithTags("Organizzazione");
}
