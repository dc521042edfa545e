namespace CaseFlow.Terms;

/// <summary>When a term lapses, and why on that day.</summary>
/// <param name="ReceivedAt">The receipt instant, in Rome time.</param>
/// <param name="CountedFrom">The date counting starts after: the receipt date, or the last interruption.</param>
/// <param name="DueDate">The last day of the term (for exact terms, the Rome date of <paramref name="DueAt"/>).</param>
/// <param name="DueAt">The last instant of the term: the end of <paramref name="DueDate"/> in Rome, or the exact instant.</param>
/// <param name="Suspended">
/// The last event is a suspension with no end yet. A notice of refusal with no observations is not "suspended": with
/// none, the clock runs again by itself 10 days after the notice, which the due date already counts.
/// </param>
/// <param name="ResumesOn">When <paramref name="Suspended"/>: the date the clock runs again by itself, which the due date assumes.</param>
/// <param name="Moves">Each reason the due date moved, in the order applied; the rollover of the last day comes last.</param>
public sealed record DueDateResult(
    Term Term,
    DateTimeOffset ReceivedAt,
    DateOnly CountedFrom,
    DateOnly DueDate,
    DateTimeOffset DueAt,
    bool Suspended,
    DateOnly? ResumesOn,
    IReadOnlyList<ClockMove> Moves);
