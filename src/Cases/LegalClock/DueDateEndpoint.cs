using CaseFlow.ServiceDefaults.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Cases.LegalClock;

/// <summary>The front desk's calculator: when does a term lapse, and why on that day.</summary>
public static class DueDateEndpoint
{
    public static IEndpointRouteBuilder MapCaseFlowTerms(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/terms/due-date", Handle)
            .RequireAuthorization()
            .WithTags("Termini")
            .WithName("ComputeDueDate")
            .WithSummary("Scadenza di un termine (L. 241/1990) / Due date of a legal term")
            .WithDescription(
                "receivedAt: date or date-time (Rome time unless an offset is given). term: P30D (default), 5WD or PT2M. "
                + "agency: an agency id from Terms:Agencies; patronDay (MM-DD) overrides its patron saint's day. "
                + "Repeated suspendedFrom/suspendedTo pairs (empty suspendedTo: still suspended), interruptedOn dates, "
                + "refusalNoticeSent/observationsReceived pairs (art. 10-bis), allowMultipleSuspensions=true|false.")
            .Produces<DueDateResponse>()
            .ProducesValidationProblem();
        return app;
    }

    private static IResult Handle([AsParameters] DueDateQuery query, IAgencyCalendars calendars)
    {
        try
        {
            return Results.Ok(DueDateResponse.From(query.Compute(calendars), query.Agency));
        }
        catch (TermValidationException invalid)
        {
            return Problems.Validation(invalid.Field, invalid.Message);
        }
    }
}
