namespace CaseFlow.Notifications.Dispatch;

/// <summary>An outbox row claimed by one dispatcher for one batch.</summary>
public sealed record ClaimedMessage(
    Guid Id,
    Guid ClaimId,
    string RecipientAddress,
    string? RecipientName,
    string Language,
    string Subject,
    string Html,
    string Text,
    string MessageId,
    int Attempts,
    Guid? CaseId,
    DateTimeOffset FirstAttemptAt);
