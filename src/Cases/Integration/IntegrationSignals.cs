namespace CaseFlow.Cases.Integration;

/// <summary>Documents were asked for (art. 2 c.7): the clock is suspended or interrupted until they come or the cap passes.</summary>
public sealed record IntegrationRequested(
    IReadOnlyList<string> Documents, string? Message, bool Interrupts, bool FromAdministration, int CapDays, DateTimeOffset RequestedAt, DateTimeOffset ExpiresAt);

/// <summary>The documents arrived (<paramref name="Received"/>) or the cap passed without them.</summary>
public sealed record IntegrationEnded(bool Received, DateTimeOffset At, IReadOnlyList<Guid> Documents);

/// <summary>A notice of refusal (art. 10-bis) went out; the citizen may answer until <paramref name="ReplyBy"/>, Rome time.</summary>
public sealed record RefusalNoticeSent(IReadOnlyList<string> Reasons, string? Message, DateTimeOffset SentAt, DateOnly ReplyBy);

/// <summary>The citizen's observations arrived (<paramref name="Observations"/>), or the days to answer passed.</summary>
public sealed record RefusalNoticeEnded(bool Observations, DateTimeOffset At, string? Text, IReadOnlyList<Guid> Documents);
