namespace CaseFlow.Notifications.Operators;

/// <summary>One outbox row as operators see it, with exactly what was (or will be) sent.</summary>
public sealed record NotificationView(
    Guid Id,
    Guid? CaseId,
    string DeduplicationKey,
    string Template,
    string Language,
    string RecipientAddress,
    string? RecipientName,
    string Subject,
    string Status,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? LastError,
    string MessageId,
    DateTimeOffset? SentAt,
    int ResendCount,
    DateTimeOffset CreatedAt,
    string? HtmlBody,
    string? TextBody);
