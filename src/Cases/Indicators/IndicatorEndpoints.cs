using CaseFlow.ServiceDefaults.Access;
using CaseFlow.ServiceDefaults.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Cases.Indicators;

/// <summary><c>GET /api/indicators</c>: the report as JSON, or one of its tables as Italian CSV (<c>Accept: text/csv</c> or <c>format=csv</c>).</summary>
public static class IndicatorEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/indicators", async (string? from, string? to, string? procedure, string? agency, string? office, string? channel, string? format,
                string? table, HttpContext http, DeskIndicators indicators, CancellationToken ct) =>
            {
                var csv = format == "csv" || (format is null && http.Request.Headers.Accept.Any(a => a?.Contains("text/csv", StringComparison.OrdinalIgnoreCase) == true));
                if (format is not (null or "csv" or "json"))
                {
                    return Problems.Validation("format", "Il formato è 'json' o 'csv'. / The format is 'json' or 'csv'.");
                }

                var (outcome, timings) = await indicators.ComputeTimedAsync(new IndicatorRequest(from, to, procedure, agency, office, channel), ct);
                http.Response.Headers["Server-Timing"] = timings.Header;
                if (!outcome.Succeeded)
                {
                    return outcome.Problem.ToHttp();
                }

                if (!csv)
                {
                    return table is null ? Results.Ok(outcome.Value) : Problems.Validation("table", "'table' vale solo per il CSV. / 'table' is for CSV only.");
                }

                return IndicatorTables.Of(outcome.Value, table).ToHttp(t =>
                    Results.File(ItalianCsv.Write(t.Headers, t.Rows), ItalianCsv.ContentType, $"indicatori-{t.Name}-{outcome.Value.From:yyyy-MM-dd}-{outcome.Value.To:yyyy-MM-dd}.csv"));
            })
            .RequireAuthorization(Roles.Supervisor).WithTags("Indicatori");
    }
}
