namespace CaseFlow.Terms;

/// <summary>Counts a term under Law 241/1990: from receipt, through suspensions and interruptions, to the last day.</summary>
public static class DueDateCalculator
{
    /// <summary>
    /// The due date of <paramref name="term"/> for an application received at <paramref name="receivedAt"/>, under the
    /// agency's <paramref name="calendar"/> and the clock <paramref name="events"/> so far (in any order). Counts each
    /// step (an opinion, say) the same way, with the step's own start as <paramref name="receivedAt"/>.
    /// </summary>
    /// <param name="allowMultipleSuspensions">A sector law allows more than the one art. 2 c.7 suspension.</param>
    /// <exception cref="TermValidationException">An event the rules do not allow; the field names the event's input.</exception>
    public static DueDateResult Compute(
        DateTimeOffset receivedAt,
        Term term,
        AgencyCalendar calendar,
        IReadOnlyList<ClockEvent> events,
        bool allowMultipleSuspensions = false)
    {
        var received = RomeTime.InRome(receivedAt);
        if (term.Kind == TermKind.Exact)
        {
            if (events.Count > 0)
            {
                throw new TermValidationException("term",
                    "Sospensioni, interruzioni e preavvisi di rigetto valgono solo per i termini in giorni. / Suspensions, interruptions and refusal notices apply to day terms only.");
            }

            // Exact terms are for demos: an instant plus a duration, no calendar at all.
            var dueAt = RomeTime.InRome(received + term.Duration);
            return new DueDateResult(term, received, RomeTime.DateOf(received), RomeTime.DateOf(dueAt), dueAt, false, null, []);
        }

        var clock = new DayClock(term, calendar, RomeTime.DateOf(received), allowMultipleSuspensions);
        foreach (var clockEvent in events.OrderBy(e => e.Starts))
        {
            clock.Apply(clockEvent);
        }

        return clock.Finish(received);
    }
}
