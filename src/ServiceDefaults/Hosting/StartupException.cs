namespace CaseFlow.ServiceDefaults.Hosting;

/// <summary>
/// A start-up failure the operator can fix (a setting, a missing program, a bad definition file).
/// The host prints its message as one line and exits with code 1 instead of a stack trace.
/// </summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
