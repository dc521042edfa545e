using CaseFlow.ServiceDefaults.Access;
using CaseFlow.ServiceDefaults.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Cases.Indicators;

/// <summary>
/// Open data of the public page (no sign-in: JSON and CSV of the published times) and the network file for supervisors.
/// </summary>
public static class TransparencyEndpoints
{
    public const string PagePath = "/trasparenza/tempi-procedimentali";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(PagePath + ".json", async (string? semestre, PublicTimes times, CancellationToken ct) =>
                (await times.ReportAsync(semestre, ct)).ToHttp(r => Results.Json(new
                {
                    title = "Monitoraggio dei tempi procedimentali",
                    licence = "CC-BY-4.0",
                    description = "Procedimenti conclusi nel semestre, giorni dalla ricezione alla conclusione al netto delle sospensioni, quota conclusa entro il termine di legge. Gruppi con meno di 5 procedimenti: \"< 5\".",
                    period = new { code = r.Period.Code, from = r.Period.From, to = r.Period.To },
                    generatedAt = r.GeneratedAt,
                    rows = r.Rows,
                })))
            .AllowAnonymous().RequireRateLimiting(TrackCase.RateLimitPolicy).WithTags("Trasparenza");

        app.MapGet(PagePath + ".csv", async (string? semestre, PublicTimes times, CancellationToken ct) =>
                (await times.ReportAsync(semestre, ct)).ToHttp(r =>
                    Results.File(ItalianCsv.Write(PublicTimes.CsvHeaders, PublicTimes.CsvRows(r)), ItalianCsv.ContentType, $"tempi-procedimentali-{r.Period.Code}.csv")))
            .AllowAnonymous().RequireRateLimiting(TrackCase.RateLimitPolicy).WithTags("Trasparenza");

        app.MapGet("/api/indicators/network", async (string? semestre, string? format, NetworkExport export, CancellationToken ct) =>
                format is not (null or "json" or "csv")
                    ? Problems.Validation("format", "Il formato è 'json' o 'csv'. / The format is 'json' or 'csv'.")
                    : (await export.ExportAsync(semestre, ct)).ToHttp(file => format == "csv"
                        ? Results.File(ItalianCsv.Write(NetworkExport.CsvHeaders, NetworkExport.CsvRows(file)), ItalianCsv.ContentType, file.FileName("csv"))
                        : Results.File(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(file, System.Text.Json.JsonSerializerOptions.Web), "application/json",
                            file.FileName("json"))))
            .RequireAuthorization(Roles.Supervisor).WithTags("Indicatori");
    }
}
