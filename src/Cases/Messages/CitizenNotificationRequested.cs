namespace CaseFlow.Cases.Messages;

/// <summary>The flow asks for a message to the citizen from a template, with an optional free text.</summary>
public sealed record CitizenNotificationRequested(string Template, string? Message);
