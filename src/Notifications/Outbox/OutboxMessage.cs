namespace CaseFlow.Notifications.Outbox;

/// <summary>An email to send once the caller's transaction commits.</summary>
/// <param name="DeduplicationKey">Unique per message, e.g. <c>case:{caseId}:received</c>; a second enqueue with it is ignored.</param>
/// <param name="Template">Template name, e.g. <c>case-received</c> (see Templates/README.md).</param>
/// <param name="Language"><c>it</c> or <c>en</c>.</param>
/// <param name="Model">The template's model (snake_case fields).</param>
public sealed record OutboxMessage(
    string DeduplicationKey,
    string Template,
    string Language,
    string RecipientAddress,
    string? RecipientName,
    System.Text.Json.Nodes.JsonObject Model,
    Guid? CaseId);
