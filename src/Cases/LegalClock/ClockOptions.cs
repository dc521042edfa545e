namespace CaseFlow.Cases.LegalClock;

/// <summary>Settings of reminders, escalations and lapses (<c>Clock</c> section).</summary>
public sealed class ClockOptions
{
    public const string Section = "Clock";

    /// <summary>ISO 8601 durations before a due date at which the office is reminded.</summary>
    public List<string> ReminderOffsets { get; set; } = [];

    /// <summary>Cron of the <c>clock-deadlines</c> sweep; Hangfire's seconds field gives every 30 seconds.</summary>
    public string SweepCron { get; set; } = "*/30 * * * * *";

    /// <summary>Working days (on the procedure's agency calendar) after today: the new expected date told to the citizen of an overdue case.</summary>
    public int OverdueGraceDays { get; set; } = 10;

    /// <summary>Agency id → office id holding the substitute power (art. 2 c.9-bis L. 241/1990).</summary>
    public Dictionary<string, string> SubstituteAuthority { get; set; } = [];

    /// <summary>Agency id → known peak periods (MM-DD to MM-DD), shown beside the calendar.</summary>
    public Dictionary<string, List<PeakPeriod>> PeakPeriods { get; set; } = [];

    /// <summary>Items a day above which a day is a peak; 0: mean plus one standard deviation.</summary>
    public int PeakThreshold { get; set; }

    public IReadOnlyList<TimeSpan> Offsets() =>
        [.. (ReminderOffsets.Count == 0 ? ["P5D", "P1D"] : ReminderOffsets).Select(o => System.Xml.XmlConvert.ToTimeSpan(o))];
}

public sealed class PeakPeriod
{
    public string Name { get; set; } = "";

    public string From { get; set; } = "";

    public string To { get; set; } = "";
}
