using System.Globalization;

namespace CaseFlow.Tests.Terms;

/// <summary>One row of the table: the input as the endpoint takes it, and the hand-computed answer.</summary>
public sealed record DueDateCase(
    string ReceivedAt,
    string? Term,
    string DueDate,
    string[] Moves,
    ClockEvent[]? Events = null,
    string? Agency = null,
    string? PatronDay = null,
    bool AllowMultipleSuspensions = false,
    bool Suspended = false,
    string? DueAt = null)
{
    public IReadOnlyList<ClockEvent> ClockEvents => Events ?? [];

    /// <summary>The same input as a query of <c>GET /api/terms/due-date</c>.</summary>
    public string ToQuery()
    {
        var parts = new List<(string Key, string? Value)> { ("receivedAt", ReceivedAt) };
        if (Term is not null)
        {
            parts.Add(("term", Term));
        }

        parts.Add(("agency", Agency));
        parts.Add(("patronDay", PatronDay));
        foreach (var clockEvent in ClockEvents)
        {
            switch (clockEvent)
            {
                case Suspension s:
                    parts.Add(("suspendedFrom", Iso(s.From)));
                    parts.Add(("suspendedTo", s.To is { } to ? Iso(to) : "")); // empty: still suspended
                    break;
                case Interruption i:
                    parts.Add(("interruptedOn", Iso(i.On)));
                    break;
                case RefusalNotice r:
                    parts.Add(("refusalNoticeSent", Iso(r.Sent)));
                    parts.Add(("observationsReceived", r.ObservationsReceived is { } o ? Iso(o) : ""));
                    break;
            }
        }

        if (AllowMultipleSuspensions)
        {
            parts.Add(("allowMultipleSuspensions", "true"));
        }

        return "/api/terms/due-date?" + string.Join("&", parts
            .Where(p => p.Value is not null)
            .Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
