using System.Text.Json.Nodes;

namespace CaseFlow.Cases.LegalClock;

/// <summary>Due dates of procedures and office steps, counted by the legal clock on the agency's calendar.</summary>
public sealed class CaseClock(IAgencyCalendars calendars)
{
    public DateTimeOffset DueAt(DateTimeOffset from, string? term, string? agency) => DueAt(from, term, agency, []);

    /// <param name="events">The procedure's clock events as stored: <c>{kind: suspension|interruption|refusal-notice, from, to}</c>.</param>
    public DateTimeOffset DueAt(DateTimeOffset from, string? term, string? agency, JsonArray events)
    {
        var parsed = Term.Parse(term);
        var clockEvents = parsed.Kind == TermKind.Exact ? [] : events.OfType<JsonObject>().Select(ToEvent).OfType<ClockEvent>().ToList();
        try
        {
            return DueDateCalculator.Compute(from, parsed, calendars.For(agency), clockEvents, allowMultipleSuspensions: true).DueAt;
        }
        catch (TermValidationException)
        {
            // An event the rules refuse (say, documents arriving after the term lapsed) must not block the case:
            // the term counted without events is the conservative answer.
            return DueDateCalculator.Compute(from, parsed, calendars.For(agency), []).DueAt;
        }
    }

    // An interruption counts only once the documents arrived; until then the running term is unchanged. A notice of
    // refusal still awaiting observations counts as if none will come: the clock runs again when the 10 days lapse.
    private static ClockEvent? ToEvent(JsonObject e)
    {
        var from = DateOnly.Parse(e["from"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        DateOnly? to = e["to"]?.GetValue<string>() is { } t ? DateOnly.Parse(t, System.Globalization.CultureInfo.InvariantCulture) : null;
        return e["kind"]?.GetValue<string>() switch
        {
            "interruption" => to is { } on ? new Interruption(on) : null,
            "refusal-notice" => new RefusalNotice(from, to),
            _ => new Suspension(from, to),
        };
    }
}
