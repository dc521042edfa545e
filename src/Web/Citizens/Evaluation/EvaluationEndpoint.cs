using CaseFlow.Cases.Satisfaction;
using CaseFlow.Cases.Tracking;
using CaseFlow.Web.Culture;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Web.Citizens.Evaluation;

/// <summary>
/// <c>POST /valutazione/{code}/{moment}</c>: one step of the C.SE.1.7 evaluation (works without JavaScript). "Avanti"
/// checks the steps so far and comes back to the page at the next step, the answers so far in the query (a rating and
/// answer codes, never the free text); "Indietro" goes back a step; "Invia" stores the whole answer through
/// <see cref="ServiceEvaluations"/>. The tracking code is the capability, as on the tracking page; rate-limited.
/// </summary>
public static class EvaluationEndpoint
{
    public static string Path(string code, string moment) => $"/valutazione/{Uri.EscapeDataString(code)}/{moment}";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/valutazione/{code}/{moment}", StepAsync).AllowAnonymous().RequireRateLimiting(TrackCase.RateLimitPolicy).DisableAntiforgery()
            .ExcludeFromDescription();

    private static async Task<IResult> StepAsync(string code, string moment, HttpContext http, IAntiforgery antiforgery, ServiceEvaluations evaluations, CancellationToken ct)
    {
        if (!EvaluationMoments.IsKnown(moment) || code.Length > 64)
        {
            return Results.NotFound();
        }

        var form = await http.Request.ReadFormAsync(ct);
        try
        {
            await antiforgery.ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return Results.BadRequest();
        }

        var back = form["ritorno"].ToString();
        if (!LocalUrl.IsLocal(back) || !(back.StartsWith("/area-personale", StringComparison.Ordinal) || back.StartsWith($"/pratiche/{code}", StringComparison.Ordinal)))
        {
            back = $"/pratiche/{Uri.EscapeDataString(code)}";
        }

        int? rating = int.TryParse(form["voto"], out var r) ? r : null;
        var aspects = form["aspetti"].Where(a => !string.IsNullOrEmpty(a)).Select(a => a!).ToList();
        var text = form["testo"].ToString();
        var step = int.TryParse(form["passo"], out var s) && s is >= 1 and <= 3 ? s : 1;
        var action = form["azione"].ToString();

        string Redirect(int toStep, string? outcome = null, string? error = null)
        {
            var query = new List<string> { $"valutazione={moment}", $"pratica={Uri.EscapeDataString(code)}", $"passo={toStep}" };
            if (rating is { } given)
            {
                query.Add($"voto={given}");
            }

            if (aspects.Count > 0)
            {
                query.Add($"aspetti={Uri.EscapeDataString(string.Join(',', aspects))}");
            }

            if (outcome is not null)
            {
                query.Add($"esito={outcome}");
            }

            if (error is not null)
            {
                query.Add($"errore={error}");
            }

            return $"{back}{(back.Contains('?') ? '&' : '?')}{string.Join('&', query)}#valutazione-{moment}";
        }

        if (action == "indietro")
        {
            return Results.Redirect(Redirect(Math.Max(1, step - 1)));
        }

        if (action == "avanti")
        {
            var problem = ServiceEvaluations.Check(rating, step >= 2 ? aspects : null);
            return Results.Redirect(problem is null ? Redirect(Math.Min(3, step + 1)) : Redirect(problem.Field == "rating" ? 1 : step, error: problem.Field));
        }

        var outcome = await evaluations.RecordAsync(new EvaluationRequest(code, moment, rating, aspects, text), ct);
        if (outcome.Succeeded)
        {
            return Results.Redirect(Redirect(3, "grazie"));
        }

        return outcome.Problem!.Kind switch
        {
            CaseFlow.ServiceDefaults.Outcomes.ProblemKind.Validation => Results.Redirect(Redirect(outcome.Problem.Field switch { "rating" => 1, "aspects" => 2, _ => 3 }, error: outcome.Problem.Field)),
            CaseFlow.ServiceDefaults.Outcomes.ProblemKind.NotFound => Results.NotFound(),
            _ when outcome.Problem.Field == "status" => Results.Redirect(Redirect(3, "non-ancora")),
            _ => Results.Redirect(Redirect(3, "gia-inviata")),
        };
    }
}
