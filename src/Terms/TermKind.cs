namespace CaseFlow.Terms;

/// <summary>How a term is counted.</summary>
public enum TermKind
{
    /// <summary>Calendar days (ISO 8601 <c>P30D</c>); the last day rolls over Sundays and holidays.</summary>
    CalendarDays,

    /// <summary>Working days (<c>5WD</c>): only Monday–Friday that are not holidays count.</summary>
    WorkingDays,

    /// <summary>An exact duration with a time part (<c>PT2M</c>), for demos and tests: no rollover.</summary>
    Exact,
}
