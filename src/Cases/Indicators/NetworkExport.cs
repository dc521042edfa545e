using CaseFlow.ServiceDefaults.Outcomes;

namespace CaseFlow.Cases.Indicators;

/// <summary>One procedure (or the total) in the network file: counts and percentages only (README, Indicators: network export).</summary>
public sealed record NetworkRow(string Procedure, string Name, long Received, long ReceivedAtDesk, double? DeskSharePct, IReadOnlyDictionary<string, double?> ChannelsPct,
    long Concluded, double? WithinTermPct, double? LatePct, long SilenceAssent, long Substitute, long SatisfactionAnswers, IReadOnlyDictionary<string, double?> SatisfactionPct);

public sealed record NetworkPeriod(string Code, DateOnly From, DateOnly To);

public sealed record NetworkAgency(string Id, string Name);

public sealed record NetworkFile(string Schema, NetworkAgency Agency, NetworkPeriod Period, DateTimeOffset GeneratedAt, NetworkRow Total, IReadOnlyList<NetworkRow> Procedures)
{
    public string FileName(string extension) => $"rete-{Agency.Id}-{Period.Code}.{extension}";
}

/// <summary>The file a Comune sends to its network for benchmarking: one per half-year, no personal data, nothing but counts and percentages.</summary>
public sealed class NetworkExport(DeskIndicators indicators, IOfficeDirectory directory)
{
    public const string Schema = "caseflow-rete-indicatori/1";

    public static readonly string[] CsvHeaders =
    [
        "Procedimento", "Nome", "Ricevute", "Ricevute allo sportello", "% sportello", .. IntakeValidation.Channels.Select(c => $"% canale {c}"),
        "Concluse", "% entro il termine", "% in ritardo", "Silenzio-assenso", "Potere sostitutivo", "Risposte soddisfazione",
        .. Enumerable.Range(1, 5).Select(s => $"% voto {s}"),
    ];

    public async Task<Outcome<NetworkFile>> ExportAsync(string? halfYear, CancellationToken ct)
    {
        if (!HalfYear.TryParse(halfYear, out var period))
        {
            return Problem.Validation("semestre", "Semestre obbligatorio, nel formato AAAA-1 o AAAA-2 (es. 2026-1). / The half-year is required, as YYYY-1 or YYYY-2.");
        }

        var report = await indicators.ComputeAsync(new IndicatorRequest(period.From.ToString("yyyy-MM-dd"), period.To.ToString("yyyy-MM-dd")), ct);
        if (!report.Succeeded)
        {
            return report.Problem;
        }

        var r = report.Value;
        var agency = directory.FindAgency(directory.DeskAgency);
        return new NetworkFile(Schema, new NetworkAgency(directory.DeskAgency, agency?.Name ?? directory.DeskAgency), new NetworkPeriod(period.Code, period.From, period.To),
            r.AsOf, Row("totale", "Tutti i procedimenti", r.DeskShare, r.Channels, r.Times, r.Satisfaction),
            [.. r.ByProcedure.Select(p => Row(p.Procedure, p.Name, p.DeskShare, p.Channels, p.Times, p.Satisfaction))]);
    }

    public static IEnumerable<IReadOnlyList<object?>> CsvRows(NetworkFile file) => new[] { file.Total }.Concat(file.Procedures).Select(r => (IReadOnlyList<object?>)
    [
        r.Procedure, r.Name, r.Received, r.ReceivedAtDesk, r.DeskSharePct, .. IntakeValidation.Channels.Select(c => (object?)r.ChannelsPct.GetValueOrDefault(c)),
        r.Concluded, r.WithinTermPct, r.LatePct, r.SilenceAssent, r.Substitute, r.SatisfactionAnswers,
        .. Enumerable.Range(1, 5).Select(s => (object?)r.SatisfactionPct.GetValueOrDefault(s.ToString(System.Globalization.CultureInfo.InvariantCulture))),
    ]);

    private static NetworkRow Row(string id, string name, DeskShare share, IReadOnlyDictionary<string, long> channels, TimesIndicator times, SatisfactionIndicator satisfaction) =>
        new(id, name, share.Total, share.Desk, Pct(share.Desk, share.Total), channels.ToDictionary(c => c.Key, c => Pct(c.Value, share.Total)),
            times.Concluded, Pct(times.WithinTerm, times.Concluded), Pct(times.Late, times.Concluded), times.SilenceAssent, times.Substitute, satisfaction.Answers,
            satisfaction.Distribution.ToDictionary(d => d.Key, d => Pct(d.Value, satisfaction.Answers)));

    private static double? Pct(long part, long whole) => whole == 0 ? null : Math.Round(100.0 * part / whole, 1);
}
