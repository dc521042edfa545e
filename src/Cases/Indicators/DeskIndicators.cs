using CaseFlow.ServiceDefaults.Outcomes;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CaseFlow.Cases.Indicators;

/// <summary>
/// The desk's indicators for a period (README, Indicators): read from the rollups the closing and intake transactions
/// keep (<c>0340_indicators.sql</c>), so a year over a million procedures is a few thousand rows, and exact.
/// </summary>
public sealed class DeskIndicators(NpgsqlDataSource dataSource, ProcedureCatalogue catalogue, IOfficeDirectory directory, TimeProvider clock,
    IOptions<CasesOptions> cases, IOptions<ClockOptions> clockOptions)
{
    public const string DeskChannel = "desk";

    public async Task<Outcome<IndicatorReport>> ComputeAsync(IndicatorRequest request, CancellationToken ct) => (await ComputeTimedAsync(request, ct)).Report;

    /// <summary>The report and where its time went (the API sends it as <c>Server-Timing</c>; the benchmark prints it).</summary>
    public async Task<(Outcome<IndicatorReport> Report, IndicatorTimings Timings)> ComputeTimedAsync(IndicatorRequest request, CancellationToken ct)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var procedures = (await catalogue.ListAsync(ct)).ToDictionary(p => p.Id, p => p.Sheet.Title);
        var catalogueTime = watch.Elapsed;
        var checkedRequest = IndicatorValidation.Check(request, procedures.Keys.ToHashSet(), directory);
        if (!checkedRequest.Succeeded)
        {
            return (checkedRequest.Problem, new IndicatorTimings(catalogueTime, TimeSpan.Zero, TimeSpan.Zero));
        }

        var filter = checkedRequest.Value;
        var now = clock.GetUtcNow();
        // The six reads are independent: each on its own pooled connection, at once, so the report waits for the
        // slowest statement instead of their sum.
        var intakeRead = ReadAsync(c => IndicatorReads.IntakeAsync(c, filter, ct), ct);
        var concludedRead = ReadAsync(c => IndicatorReads.ConcludedAsync(c, filter, ct), ct);
        var backlogRead = ReadAsync(c => IndicatorReads.BacklogAsync(c, filter, now, now.AddDays(cases.Value.DueSoonDays), ct), ct);
        var satisfactionRead = ReadAsync(c => IndicatorReads.SatisfactionAsync(c, filter, ct), ct);
        var dueRead = ReadAsync(c => IndicatorReads.DuePerDayAsync(c, filter, ct), ct);
        await Task.WhenAll(intakeRead, concludedRead, backlogRead, satisfactionRead, dueRead);
        var (intake, concluded, backlog, satisfaction, due) = (intakeRead.Result, concludedRead.Result, backlogRead.Result, satisfactionRead.Result, dueRead.Result);
        var readsTime = watch.Elapsed - catalogueTime;

        // Each row is visited once per grouping (procedure, month), not once per group.
        var intakeByProcedure = intake.ToLookup(r => r.Definition);
        var concludedByProcedure = concluded.ToLookup(r => r.Definition);
        var satisfactionByProcedure = satisfaction.Scores.Where(s => s.Definition is not null).ToLookup(s => s.Definition!);
        var aspectsByProcedure = satisfaction.Aspects.Where(s => s.Definition is not null).ToLookup(s => s.Definition!);
        var byProcedure = intakeByProcedure.Select(g => g.Key).Concat(concludedByProcedure.Select(g => g.Key)).Concat(backlog.OpenByProcedure.Keys)
            .Concat(satisfactionByProcedure.Select(g => g.Key))
            .Distinct().Order(StringComparer.Ordinal)
            .Select(id => new ProcedureIndicators(id, procedures.GetValueOrDefault(id, id),
                Share(intakeByProcedure[id]), Channels(intakeByProcedure[id]), Times(concludedByProcedure[id]),
                backlog.OpenByProcedure.GetValueOrDefault(id), Satisfaction(satisfactionByProcedure[id], aspectsByProcedure[id])))
            .ToList();

        var report = new IndicatorReport(filter.From, filter.To, filter, now, Share(intake), Channels(intake), Times(concluded),
            [.. backlog.Offices.Select(o => o with { OfficeName = directory.FindOffice(o.Office)?.Name ?? o.Office })],
            Satisfaction(satisfaction.Scores.Where(s => s.Definition is null), satisfaction.Aspects.Where(s => s.Definition is null)), Load(filter, intake, due), byProcedure, Months(filter, intake, concluded));
        return (report, new IndicatorTimings(catalogueTime, readsTime, watch.Elapsed - catalogueTime - readsTime));
    }

    private async Task<T> ReadAsync<T>(Func<NpgsqlConnection, Task<T>> read, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await read(connection);
    }

    private static DeskShare Share(IEnumerable<IntakeCount> rows)
    {
        var list = rows.ToList();
        var total = list.Sum(r => r.N);
        var desk = list.Where(r => r.Channel == DeskChannel).Sum(r => r.N);
        return new DeskShare(desk, total, Ratio(desk, total));
    }

    private static Dictionary<string, long> Channels(IEnumerable<IntakeCount> rows)
    {
        var counts = IntakeValidation.Channels.ToDictionary(c => c, _ => 0L);
        foreach (var row in rows)
        {
            counts[row.Channel] = counts.GetValueOrDefault(row.Channel) + row.N;
        }

        return counts;
    }

    internal static TimesIndicator Times(IEnumerable<MeasureCount> rows)
    {
        var measures = new Dictionary<string, DayHistogram>();
        foreach (var row in rows)
        {
            if (!measures.TryGetValue(row.Measure, out var histogram))
            {
                measures[row.Measure] = histogram = new DayHistogram();
            }

            histogram.Add(row.Days, row.N);
        }

        var net = measures.GetValueOrDefault(Measures.Net) ?? new DayHistogram();
        var gross = measures.GetValueOrDefault(Measures.Gross) ?? new DayHistogram();
        var delay = measures.GetValueOrDefault(Measures.Delay) ?? new DayHistogram();
        var charge = measures.GetValueOrDefault(Measures.Charge) ?? new DayHistogram();
        var within = delay.CountWhere(d => d <= 0);
        var late = delay.CountWhere(d => d > 0);
        return new TimesIndicator(net.Count, within, Ratio(within, net.Count), net.Percentile(0.5), net.Percentile(0.9), gross.Percentile(0.5),
            gross.Percentile(0.9), net.Mean, gross.Mean, late, late == 0 ? null : Math.Round((double)delay.SumWhere(d => d > 0) / late, 2),
            measures.GetValueOrDefault(Measures.SilenceAssent)?.Count ?? 0, measures.GetValueOrDefault(Measures.Substitute)?.Count ?? 0,
            measures.GetValueOrDefault(Measures.Cancelled)?.Count ?? 0, charge.Count, charge.Percentile(0.5));
    }

    private static SatisfactionIndicator Satisfaction(IEnumerable<ScoreCount> rows, IEnumerable<AspectCount> aspectRows)
    {
        var list = rows.ToList();
        var (answers, mean, distribution) = Scores(list);
        var byChannel = list.ToLookup(r => r.Channel);
        var chosen = aspectRows.ToLookup(a => a.Aspect);
        Dictionary<string, long> Aspects(bool positive) => CaseFlow.Cases.Satisfaction.ServiceEvaluations.Aspects.Where(a => a.Positive == positive)
            .ToDictionary(a => a.Code, a => chosen[a.Code].Sum(c => c.N));
        return new SatisfactionIndicator(answers, mean, distribution, Aspects(true), Aspects(false), [.. IntakeValidation.Channels.Concat(byChannel.Select(g => g.Key)).Distinct()
            .Select(channel => Scores(byChannel[channel]) is var (n, m, d) ? new ChannelSatisfaction(channel, n, m, d) : null!)]);
    }

    private static (long Answers, double? Mean, Dictionary<string, long> Distribution) Scores(IEnumerable<ScoreCount> rows)
    {
        var distribution = Enumerable.Range(1, 5).ToDictionary(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture), _ => 0L);
        long answers = 0, sum = 0;
        foreach (var row in rows)
        {
            distribution[row.Score.ToString(System.Globalization.CultureInfo.InvariantCulture)] += row.N;
            answers += row.N;
            sum += row.Score * row.N;
        }

        return (answers, answers == 0 ? null : Math.Round((double)sum / answers, 2), distribution);
    }

    private PeakLoad Load(IndicatorFilter filter, List<IntakeCount> intake, Dictionary<DateOnly, long> due)
    {
        var received = intake.GroupBy(r => r.Day).ToDictionary(g => g.Key, g => g.Sum(r => r.N));
        var days = Enumerable.Range(0, filter.To.DayNumber - filter.From.DayNumber + 1).Select(filter.From.AddDays).ToList();
        var receivedThreshold = Calendar.PeakThreshold(days.Select(d => (double)received.GetValueOrDefault(d)).ToList(), clockOptions.Value);
        var dueThreshold = Calendar.PeakThreshold(days.Select(d => (double)due.GetValueOrDefault(d)).ToList(), clockOptions.Value);
        var loadDays = days.Select(d => (Date: d, Received: received.GetValueOrDefault(d), Due: due.GetValueOrDefault(d)))
            .Where(d => d.Received > 0 || d.Due > 0)
            .Select(d => new LoadDay(d.Date, d.Received, d.Due, d.Received > receivedThreshold, d.Due > dueThreshold)).ToList();
        var weeks = days.GroupBy(Calendar.MondayOf)
            .Select(g => new LoadWeek(Calendar.IsoWeek(g.Key), g.Key, g.Sum(d => received.GetValueOrDefault(d)), g.Sum(d => due.GetValueOrDefault(d)))).ToList();
        var agencies = filter.Agency is { } one ? [one] : filter.Office is { } office ? [directory.FindOffice(office)!.AgencyId] : directory.Agencies.Select(a => a.Id).ToArray();
        var periods = agencies.SelectMany(a => clockOptions.Value.PeakPeriods.TryGetValue(a, out var list) ? list.Select(p => new DeclaredPeak(a, p.Name, p.From, p.To)) : [])
            .ToList();
        return new PeakLoad(Math.Round(receivedThreshold, 2), Math.Round(dueThreshold, 2), loadDays, weeks, periods);
    }

    private static List<MonthIndicators> Months(IndicatorFilter filter, List<IntakeCount> intake, List<MeasureCount> concluded)
    {
        var receivedByMonth = intake.ToLookup(r => new DateOnly(r.Day.Year, r.Day.Month, 1));
        var concludedByMonth = concluded.ToLookup(r => r.Month);
        var months = new List<MonthIndicators>();
        for (var month = new DateOnly(filter.From.Year, filter.From.Month, 1); month <= filter.To; month = month.AddMonths(1))
        {
            var received = receivedByMonth[month];
            var times = Times(concludedByMonth[month]);
            months.Add(new MonthIndicators(month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), received.Sum(r => r.N),
                received.Where(r => r.Channel == DeskChannel).Sum(r => r.N), times.Concluded, times.WithinTerm, times.WithinTermRatio, times.MedianNetDays,
                times.MeanNetDays, times.SilenceAssent));
        }

        return months;
    }

    internal static double? Ratio(long part, long whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);
}

/// <summary>Where a report's time went: the catalogue read, the database reads (together, at once) and the aggregation.</summary>
public sealed record IndicatorTimings(TimeSpan Catalogue, TimeSpan Reads, TimeSpan Compute)
{
    /// <summary>The <c>Server-Timing</c> header's value (milliseconds).</summary>
    public string Header => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"catalogue;dur={Catalogue.TotalMilliseconds:0.0}, reads;dur={Reads.TotalMilliseconds:0.0}, compute;dur={Compute.TotalMilliseconds:0.0}");
}

/// <summary>The measures of <c>indicator_measures</c>.</summary>
internal static class Measures
{
    public const string Net = "net";
    public const string Gross = "gross";
    public const string Delay = "delay";
    public const string Charge = "charge";
    public const string Substitute = "substitute";
    public const string SilenceAssent = "silence-assent";
    public const string Cancelled = "cancelled";
}
