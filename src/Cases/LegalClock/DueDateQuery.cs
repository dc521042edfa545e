using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace CaseFlow.Cases.LegalClock;

/// <summary>
/// The query of <c>GET /api/terms/due-date</c>. Everything arrives as text so that a bad value becomes a problem
/// naming its field, not a binding failure.
/// </summary>
public sealed record DueDateQuery(
    [property: FromQuery(Name = "receivedAt")] string? ReceivedAt,
    [property: FromQuery(Name = "term")] string? Term,
    [property: FromQuery(Name = "agency")] string? Agency,
    [property: FromQuery(Name = "patronDay")] string? PatronDay,
    [property: FromQuery(Name = "suspendedFrom")] string[]? SuspendedFrom,
    [property: FromQuery(Name = "suspendedTo")] string[]? SuspendedTo,
    [property: FromQuery(Name = "interruptedOn")] string[]? InterruptedOn,
    [property: FromQuery(Name = "refusalNoticeSent")] string[]? RefusalNoticeSent,
    [property: FromQuery(Name = "observationsReceived")] string[]? ObservationsReceived,
    [property: FromQuery(Name = "allowMultipleSuspensions")] string? AllowMultipleSuspensions)
{
    private static readonly string[] DateTimeFormats =
        ["yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    /// <summary>Runs the calculator on the query; bad input throws <see cref="TermValidationException"/> naming the field.</summary>
    public DueDateResult Compute(IAgencyCalendars calendars)
    {
        var receivedAt = ParseInstant(ReceivedAt, "receivedAt");
        var term = Terms.Term.Parse(Term);
        var calendar = calendars.For(Agency);
        if (!string.IsNullOrWhiteSpace(PatronDay))
        {
            calendar = calendar with
            {
                PatronDay = Terms.PatronDay.TryParse(PatronDay, out var patron)
                    ? patron
                    : throw new TermValidationException("patronDay", $"'{PatronDay}' non è un giorno MM-GG (es. 12-07). / Not a day of the year as MM-DD."),
            };
        }

        var events = new List<ClockEvent>();
        foreach (var (from, to) in Pairs(SuspendedFrom, SuspendedTo, "suspendedFrom", "suspendedTo"))
        {
            events.Add(new Suspension(from, to));
        }

        foreach (var (sent, observations) in Pairs(RefusalNoticeSent, ObservationsReceived, "refusalNoticeSent", "observationsReceived"))
        {
            events.Add(new RefusalNotice(sent, observations));
        }

        events.AddRange((InterruptedOn ?? []).Select(on => new Interruption(ParseDate(on, "interruptedOn"))));
        return DueDateCalculator.Compute(receivedAt, term, calendar, events, ParseBool(AllowMultipleSuspensions, "allowMultipleSuspensions"));
    }

    /// <summary>A date is midnight in Rome; a date-time without offset is Rome wall-clock time.</summary>
    internal static DateTimeOffset ParseInstant(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new TermValidationException(field, "Obbligatorio: una data (AAAA-MM-GG) o una data e ora ISO 8601. / Required: a date or an ISO 8601 date-time.");
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return RomeTime.StartOf(date);
        }

        // An offset's '+' left unencoded in a query string arrives as a space; no accepted format has a space.
        if (!DateTime.TryParseExact(text.Trim().Replace(' ', '+'), DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var dateTime))
        {
            throw new TermValidationException(field, $"'{text}' non è una data (AAAA-MM-GG) né una data e ora ISO 8601. / Not a date or an ISO 8601 date-time.");
        }

        return dateTime.Kind == DateTimeKind.Unspecified ? RomeTime.At(dateTime) : new DateTimeOffset(dateTime);
    }

    private static DateOnly ParseDate(string? text, string field) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new TermValidationException(field, $"'{text}' non è una data AAAA-MM-GG. / Not a date as YYYY-MM-DD.");

    /// <summary>Starts paired by position with their ends; a missing or empty end means "not yet".</summary>
    private static IEnumerable<(DateOnly Start, DateOnly? End)> Pairs(string[]? starts, string[]? ends, string startField, string endField)
    {
        starts ??= [];
        ends ??= [];
        if (ends.Length > starts.Length)
        {
            throw new TermValidationException(endField, $"Ogni {endField} va in coppia con un {startField}. / Each {endField} pairs with a {startField}.");
        }

        return starts.Select((start, i) => (
            ParseDate(start, startField),
            i < ends.Length && !string.IsNullOrWhiteSpace(ends[i]) ? ParseDate(ends[i], endField) : (DateOnly?)null)).ToList();
    }

    private static bool ParseBool(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? false
        : bool.TryParse(text, out var value) ? value
        : throw new TermValidationException(field, $"'{text}' non è true o false. / Not true or false.");
}
