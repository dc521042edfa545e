using CaseFlow.ServiceDefaults.Outcomes;

namespace CaseFlow.Cases.Indicators;

/// <summary>A table of the report with Italian headers: what the CSV export writes and the pages show beside the charts.</summary>
public sealed record IndicatorTable(string Name, string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>A row of the satisfaction detail: <paramref name="By"/> is <c>canale</c> or <c>procedimento</c>.</summary>
public sealed record SatisfactionRow(string By, string Key, string Name, long Answers, double? Mean, IReadOnlyDictionary<string, long> Distribution);

public sealed record AspectRow(bool Positive, string Code, string Label, long Count);

/// <summary>The report's tables, one per indicator, each exportable on its own (<c>table=</c>).</summary>
public static class IndicatorTables
{
    public static readonly string[] Names = ["sintesi", "canali", "procedimenti", "arretrato", "soddisfazione", "soddisfazione-dettaglio", "aspetti", "mesi", "carico"];

    public static Outcome<IndicatorTable> Of(IndicatorReport report, string? name) => (name ?? "sintesi") switch
    {
        "sintesi" => Summary(report),
        "canali" => new IndicatorTable("canali", "Canali di ricezione", ["Canale", "Pratiche ricevute", "Quota"],
            [.. report.Channels.Select(c => (IReadOnlyList<object?>)[c.Key, c.Value, DeskIndicators.Ratio(c.Value, report.DeskShare.Total)])]),
        "procedimenti" => new IndicatorTable("procedimenti", "Indicatori per procedimento",
            ["Procedimento", "Nome", "Ricevute", "Ricevute allo sportello", "Quota sportello", "Concluse", "Entro il termine", "Quota entro il termine",
             "Mediana giorni netti", "90° percentile giorni netti", "Mediana giorni lordi", "Media giorni netti", "In ritardo", "Ritardo medio (giorni)",
             "Silenzio-assenso", "Potere sostitutivo", "Aperte", "Risposte soddisfazione", "Soddisfazione media"],
            [.. report.ByProcedure.Select(p => (IReadOnlyList<object?>)[p.Procedure, p.Name, p.DeskShare.Total, p.DeskShare.Desk, p.DeskShare.Ratio,
                p.Times.Concluded, p.Times.WithinTerm, p.Times.WithinTermRatio, p.Times.MedianNetDays, p.Times.P90NetDays, p.Times.MedianGrossDays,
                p.Times.MeanNetDays, p.Times.Late, p.Times.AverageDelay, p.Times.SilenceAssent, p.Times.Substitute, p.Open, p.Satisfaction.Answers,
                p.Satisfaction.Mean])]),
        "arretrato" => new IndicatorTable("arretrato", "Arretrato per ufficio",
            ["Ufficio", "Nome", "Procedimenti aperti", "Scaduti", "In scadenza", "0-15 giorni", "16-30 giorni", "31-60 giorni", "Oltre 60 giorni",
             "Attività aperte", "Attività scadute", "Attività in scadenza"],
            [.. report.Backlog.Select(b => (IReadOnlyList<object?>)[b.Office, b.OfficeName, b.Open, b.Overdue, b.DueSoon, b.Days0To15, b.Days16To30,
                b.Days31To60, b.DaysOver60, b.OpenSteps, b.OverdueSteps, b.DueSoonSteps])]),
        "soddisfazione" => new IndicatorTable("soddisfazione", "Soddisfazione (voti da 1 a 5)", ["Voto", "Risposte"],
            [.. report.Satisfaction.Distribution.Select(d => (IReadOnlyList<object?>)[d.Key, d.Value])]),
        "soddisfazione-dettaglio" => new IndicatorTable("soddisfazione-dettaglio", "Soddisfazione per canale e per procedimento",
            ["Per", "Canale o procedimento", "Nome", "Risposte", "Media", "Voto 1", "Voto 2", "Voto 3", "Voto 4", "Voto 5"],
            [.. SatisfactionDetail(report).Select(d => (IReadOnlyList<object?>)[d.By, d.Key, d.Name, d.Answers, d.Mean, .. d.Distribution.Values.Cast<object?>()])]),
        "aspetti" => new IndicatorTable("aspetti", "Aspetti indicati nella valutazione del servizio", ["Tipo", "Codice", "Risposta", "Risposte"],
            [.. AspectRows(report).Select(a => (IReadOnlyList<object?>)[a.Positive ? "positivo" : "negativo", a.Code, a.Label, a.Count])]),
        "mesi" => new IndicatorTable("mesi", "Andamento mensile",
            ["Mese", "Ricevute", "Ricevute allo sportello", "Concluse", "Entro il termine", "Quota entro il termine", "Mediana giorni netti",
             "Media giorni netti", "Silenzio-assenso"],
            [.. report.ByMonth.Select(m => (IReadOnlyList<object?>)[m.Month, m.Received, m.Desk, m.Concluded, m.WithinTerm, m.WithinTermRatio, m.MedianNetDays,
                m.MeanNetDays, m.SilenceAssent])]),
        "carico" => new IndicatorTable("carico", "Carico giornaliero: pratiche ricevute e scadenze",
            ["Data", "Ricevute", "Scadenze aperte", "Picco di ricezione", "Picco di scadenze"],
            [.. report.PeakLoad.Days.Select(d => (IReadOnlyList<object?>)[d.Date, d.Received, d.Due, d.ReceivedPeak, d.DuePeak])]),
        var other => Problem.Validation("table", $"Tabella sconosciuta '{other}': una di {string.Join(", ", Names)}. / Unknown table."),
    };

    /// <summary>One row per channel of receipt, then one per procedure: what the CSV and the supervisors' page list.</summary>
    public static IEnumerable<SatisfactionRow> SatisfactionDetail(IndicatorReport report) =>
        report.Satisfaction.ByChannel.Select(c => new SatisfactionRow("canale", c.Channel, ChannelNames.GetValueOrDefault(c.Channel, c.Channel), c.Answers, c.Mean, c.Distribution))
            .Concat(report.ByProcedure.Select(p => new SatisfactionRow("procedimento", p.Procedure, p.Name, p.Satisfaction.Answers, p.Satisfaction.Mean, p.Satisfaction.Distribution)));

    /// <summary>Every follow-up answer of the evaluation with how many chose it: what went well, then what went wrong.</summary>
    public static IEnumerable<AspectRow> AspectRows(IndicatorReport report) =>
        CaseFlow.Cases.Satisfaction.ServiceEvaluations.Aspects.Select(a => new AspectRow(a.Positive, a.Code, a.Label,
            (a.Positive ? report.Satisfaction.PositiveAspects : report.Satisfaction.NegativeAspects).GetValueOrDefault(a.Code)));

    /// <summary>The channels' Italian names (the CSV's; the pages translate them).</summary>
    public static readonly IReadOnlyDictionary<string, string> ChannelNames = new Dictionary<string, string>
    {
        ["desk"] = "Sportello", ["online"] = "Online", ["email"] = "Posta elettronica", ["pec"] = "PEC", ["phone"] = "Telefono", ["post"] = "Posta",
    };

    private static IndicatorTable Summary(IndicatorReport r)
    {
        var t = r.Times;
        IReadOnlyList<object?> Row(string name, object? value) => [name, value];
        return new IndicatorTable("sintesi", "Sintesi degli indicatori", ["Indicatore", "Valore"],
        [
            Row("Periodo dal", r.From), Row("Periodo al", r.To),
            Row("Pratiche ricevute", r.DeskShare.Total), Row("Ricevute allo sportello", r.DeskShare.Desk), Row("Quota sportello", r.DeskShare.Ratio),
            Row("Procedimenti conclusi", t.Concluded), Row("Conclusi entro il termine", t.WithinTerm), Row("Quota entro il termine", t.WithinTermRatio),
            Row("Mediana giorni netti", t.MedianNetDays), Row("90° percentile giorni netti", t.P90NetDays), Row("Mediana giorni lordi", t.MedianGrossDays),
            Row("Media giorni netti", t.MeanNetDays), Row("Media giorni lordi", t.MeanGrossDays), Row("Conclusi in ritardo", t.Late),
            Row("Ritardo medio (giorni)", t.AverageDelay), Row("Silenzio-assenso", t.SilenceAssent), Row("Potere sostitutivo", t.Substitute),
            Row("Annullati o ritirati", t.Cancelled), Row("Mediana giorni alla presa in carico", t.TakenInChargeMedianDays),
            Row("Procedimenti aperti", r.Backlog.Sum(b => b.Open)), Row("Risposte soddisfazione", r.Satisfaction.Answers), Row("Soddisfazione media", r.Satisfaction.Mean),
        ]);
    }
}
