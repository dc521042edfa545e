namespace CaseFlow.Notifications.Templates.Liquid;

/// <summary>A template that does not parse, or a model that lacks a field the template prints.</summary>
public sealed class LiquidException(string message, Exception? inner = null) : Exception(message, inner);
