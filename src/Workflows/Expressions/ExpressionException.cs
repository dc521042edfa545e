namespace CaseFlow.Workflows.Expressions;

/// <summary>An expression that cannot be compiled or that failed while running (a fault of the activity, not of the host).</summary>
public sealed class ExpressionException(string message, Exception? inner = null) : Exception(message, inner);
