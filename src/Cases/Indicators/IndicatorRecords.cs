namespace CaseFlow.Cases.Indicators;

/// <summary>
/// What a supervisor asks: a period (Rome dates, both included) and optional filters. Strings as they come from a query
/// string or a form, so the service names the field that is wrong.
/// </summary>
public sealed record IndicatorRequest(string? From, string? To, string? Procedure = null, string? Agency = null, string? Office = null, string? Channel = null);

/// <summary>A validated request.</summary>
public sealed record IndicatorFilter(DateOnly From, DateOnly To, string? Procedure, string? Agency, string? Office, string? Channel);

/// <summary>Procedures received at the desk against all those received, by date of receipt.</summary>
public sealed record DeskShare(long Desk, long Total, double? Ratio);

/// <summary>Times of the procedures concluded in the period (README, Indicators: every field's definition).</summary>
public sealed record TimesIndicator(
    long Concluded, long WithinTerm, double? WithinTermRatio, double? MedianNetDays, double? P90NetDays, double? MedianGrossDays, double? P90GrossDays,
    double? MeanNetDays, double? MeanGrossDays, long Late, double? AverageDelay, long SilenceAssent, long Substitute, long Cancelled,
    long TakenInCharge, double? TakenInChargeMedianDays);

/// <summary>Open work of one office now: procedures (by their due date and age since receipt) and office steps.</summary>
public sealed record BacklogRow(string Office, string OfficeName, long Open, long Overdue, long DueSoon, long Days0To15, long Days16To30, long Days31To60,
    long DaysOver60, long OpenSteps, long OverdueSteps, long DueSoonSteps);

/// <summary>
/// Answers in the period: count, mean, distribution 1–5, the follow-up aspects chosen (C.SE.1.7: what went well after a
/// 4–5, what went wrong after a 1–3, by code), and the same per channel of receipt of the case.
/// </summary>
public sealed record SatisfactionIndicator(long Answers, double? Mean, IReadOnlyDictionary<string, long> Distribution, IReadOnlyDictionary<string, long> PositiveAspects,
    IReadOnlyDictionary<string, long> NegativeAspects, IReadOnlyList<ChannelSatisfaction> ByChannel);

/// <summary>The answers about cases received through one channel.</summary>
public sealed record ChannelSatisfaction(string Channel, long Answers, double? Mean, IReadOnlyDictionary<string, long> Distribution);

/// <summary>One day of the period: procedures received and open due dates of the scadenziario falling on it.</summary>
public sealed record LoadDay(DateOnly Date, long Received, long Due, bool ReceivedPeak, bool DuePeak);

public sealed record LoadWeek(string Week, DateOnly Monday, long Received, long Due);

public sealed record DeclaredPeak(string Agency, string Name, string From, string To);

public sealed record PeakLoad(double ReceivedThreshold, double DueThreshold, IReadOnlyList<LoadDay> Days, IReadOnlyList<LoadWeek> Weeks, IReadOnlyList<DeclaredPeak> PeakPeriods);

public sealed record ProcedureIndicators(string Procedure, string Name, DeskShare DeskShare, IReadOnlyDictionary<string, long> Channels, TimesIndicator Times,
    long Open, SatisfactionIndicator Satisfaction);

/// <summary>A calendar month of the period (the first and last may be partial): the series the charts draw.</summary>
public sealed record MonthIndicators(string Month, long Received, long Desk, long Concluded, long WithinTerm, double? WithinTermRatio, double? MedianNetDays,
    double? MeanNetDays, long SilenceAssent);

public sealed record IndicatorReport(
    DateOnly From, DateOnly To, IndicatorFilter Filter, DateTimeOffset AsOf, DeskShare DeskShare, IReadOnlyDictionary<string, long> Channels, TimesIndicator Times,
    IReadOnlyList<BacklogRow> Backlog, SatisfactionIndicator Satisfaction, PeakLoad PeakLoad, IReadOnlyList<ProcedureIndicators> ByProcedure,
    IReadOnlyList<MonthIndicators> ByMonth);
