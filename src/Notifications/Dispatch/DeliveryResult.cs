namespace CaseFlow.Notifications.Dispatch;

public enum DeliveryOutcome
{
    /// <summary>The server accepted the message (final 250 after DATA).</summary>
    Sent,

    /// <summary>Nothing of the message reached the server, or the server refused it temporarily (4xx): try again.</summary>
    Retry,

    /// <summary>The message content was on its way when the connection broke: it may have been delivered.</summary>
    Uncertain,

    /// <summary>The server refused it for good (5xx).</summary>
    Failed,
}

/// <param name="ConnectionBroken">The session cannot send more without reconnecting.</param>
/// <param name="ServerUnreachable">Not even a connection: the rest of the batch need not try.</param>
public sealed record DeliveryResult(DeliveryOutcome Outcome, string? Error = null, bool ConnectionBroken = false, bool ServerUnreachable = false)
{
    public static readonly DeliveryResult Sent = new(DeliveryOutcome.Sent);
}
