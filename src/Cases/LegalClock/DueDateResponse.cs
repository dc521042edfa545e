namespace CaseFlow.Cases.LegalClock;

/// <summary>The answer of <c>GET /api/terms/due-date</c>.</summary>
/// <param name="TermKind"><c>calendar-days</c>, <c>working-days</c> or <c>exact</c>.</param>
public sealed record DueDateResponse(
    DateTimeOffset ReceivedAt,
    string Term,
    string TermKind,
    string? Agency,
    DateOnly CountedFrom,
    DateOnly DueDate,
    DateTimeOffset DueAt,
    bool Suspended,
    DateOnly? ResumesOn,
    IReadOnlyList<ClockMove> Moves)
{
    public static DueDateResponse From(DueDateResult result, string? agency) => new(
        result.ReceivedAt,
        result.Term.ToString(),
        result.Term.Kind switch
        {
            Terms.TermKind.CalendarDays => "calendar-days",
            Terms.TermKind.WorkingDays => "working-days",
            _ => "exact",
        },
        agency,
        result.CountedFrom,
        result.DueDate,
        result.DueAt,
        result.Suspended,
        result.ResumesOn,
        result.Moves);
}
