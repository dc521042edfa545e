namespace CaseFlow.Terms;

/// <summary>Something that stops or restarts a running term. Dates are dates in Europe/Rome.</summary>
public abstract record ClockEvent
{
    private protected ClockEvent()
    {
    }

    /// <summary>The date the event takes effect; events are applied in this order.</summary>
    public abstract DateOnly Starts { get; }
}

/// <summary>
/// Art. 2 c.7: the clock stops from <see cref="From"/> until the documents arrive on <see cref="To"/> (null: not
/// yet), and for 30 days at most.
/// </summary>
public sealed record Suspension(DateOnly From, DateOnly? To = null) : ClockEvent
{
    /// <summary>Art. 2 c.7: "per un periodo non superiore a trenta giorni".</summary>
    public const int MaxDays = 30;

    public override DateOnly Starts => From;
}

/// <summary>The whole term starts again on <see cref="On"/>, the date the requested documents arrive.</summary>
public sealed record Interruption(DateOnly On) : ClockEvent
{
    public override DateOnly Starts => On;
}

/// <summary>
/// Art. 10-bis notice of refusal, sent on <see cref="Sent"/>: the clock stops and runs again 10 days after the
/// citizen's observations arrive or, with none, when the 10 days for observations lapse.
/// </summary>
public sealed record RefusalNotice(DateOnly Sent, DateOnly? ObservationsReceived = null) : ClockEvent
{
    /// <summary>The days the citizen has for observations, and the days after them before the clock runs again.</summary>
    public const int ObservationDays = 10;

    public override DateOnly Starts => Sent;

    /// <summary>The last day for observations: the clock runs again then if none arrive.</summary>
    public DateOnly ObservationsDue => Sent.AddDays(ObservationDays);

    /// <summary>When the clock runs again: 10 days after timely observations, else when the 10 days lapse (late ones change nothing).</summary>
    public DateOnly ResumesOn => ObservationsReceived is { } received && received <= ObservationsDue ? received.AddDays(ObservationDays) : ObservationsDue;
}
