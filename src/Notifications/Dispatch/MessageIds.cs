namespace CaseFlow.Notifications.Dispatch;

/// <summary>
/// The Message-ID is derived from the row id, so that a message resent by an operator (or, in the worst case,
/// delivered twice) carries the same id and mail clients can recognise it as the same message.
/// </summary>
public static class MessageIds
{
    public static string For(Guid id, string domain) => $"<{id:D}@{domain}>";
}
