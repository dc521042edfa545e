using CaseFlow.ServiceDefaults.Outcomes;

namespace CaseFlow.Cases.Indicators;

/// <summary>
/// One procedure's times in a half-year as published (art. 35 d.lgs. 33/2013, art. 2 c.4-bis L. 241/1990). Groups of 1–4
/// procedures show "&lt; 5" and no averages (<see cref="PublicTimes.SmallGroup"/>).
/// </summary>
public sealed record PublicTimesRow(string Procedure, string Name, string LegalTerm, string Concluded, double? MeanNetDays, double? MedianNetDays,
    double? WithinTermRatio, string SilenceAssent);

public sealed record PublicTimesReport(HalfYear Period, DateTimeOffset GeneratedAt, IReadOnlyList<PublicTimesRow> Rows, IReadOnlyList<HalfYear> Available);

/// <summary>"Monitoraggio dei tempi procedimentali": the desk's indicators per procedure and half-year, for everyone.</summary>
public sealed class PublicTimes(DeskIndicators indicators, ProcedureCatalogue catalogue, TimeProvider clock)
{
    /// <summary>Fewer procedures than this in a group are shown as "&lt; 5": few cases could point to a person.</summary>
    public const int SmallGroup = 5;

    public const string SmallGroupText = "< 5";

    public static readonly string[] CsvHeaders =
        ["Procedimento", "Nome", "Termine di legge", "Semestre", "Conclusi", "Giorni medi (netti)", "Giorni mediani (netti)", "Quota entro il termine", "Silenzio-assenso"];

    public async Task<Outcome<PublicTimesReport>> ReportAsync(string? halfYear, CancellationToken ct)
    {
        var today = RomeTime.DateOf(clock.GetUtcNow());
        HalfYear period;
        if (string.IsNullOrWhiteSpace(halfYear))
        {
            period = HalfYear.Of(today);
        }
        else if (!HalfYear.TryParse(halfYear, out period))
        {
            return Problem.Validation("semestre", "Semestre nel formato AAAA-1 o AAAA-2 (es. 2026-1). / The half-year is YYYY-1 or YYYY-2.");
        }

        var report = await indicators.ComputeAsync(new IndicatorRequest(period.From.ToString("yyyy-MM-dd"), period.To.ToString("yyyy-MM-dd")), ct);
        if (!report.Succeeded)
        {
            return report.Problem;
        }

        var byProcedure = report.Value.ByProcedure.ToDictionary(p => p.Procedure);
        var rows = (await catalogue.ListAsync(ct)).OrderBy(p => p.Sheet.Title, StringComparer.CurrentCulture).Select(p =>
        {
            var times = byProcedure.TryGetValue(p.Id, out var found) ? found.Times : null;
            var concluded = times?.Concluded ?? 0;
            var shown = concluded >= SmallGroup;
            return new PublicTimesRow(p.Id, p.Sheet.Title, p.Sheet.Term, Count(concluded), shown ? times!.MeanNetDays : null,
                shown ? times!.MedianNetDays : null, shown ? times!.WithinTermRatio : null, Count(times?.SilenceAssent ?? 0));
        }).ToList();
        return new PublicTimesReport(period, report.Value.AsOf, rows, HalfYear.Recent(today, 6));
    }

    public static IEnumerable<IReadOnlyList<object?>> CsvRows(PublicTimesReport report) =>
        report.Rows.Select(r => (IReadOnlyList<object?>)[r.Procedure, r.Name, r.LegalTerm, report.Period.Code, r.Concluded, r.MeanNetDays, r.MedianNetDays,
            r.WithinTermRatio, r.SilenceAssent]);

    private static string Count(long n) => n is > 0 and < SmallGroup ? SmallGroupText : n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
