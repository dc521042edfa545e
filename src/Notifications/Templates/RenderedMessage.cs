namespace CaseFlow.Notifications.Templates;

/// <summary>What a template produced: stored on the outbox row and sent as is.</summary>
public sealed record RenderedMessage(string Subject, string Html, string Text);
