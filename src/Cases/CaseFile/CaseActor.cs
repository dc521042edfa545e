using System.Security.Claims;

namespace CaseFlow.Cases.CaseFile;

/// <summary>
/// Who is acting, for the timeline and the audit trail. The runtime calls effect handlers in the caller's async
/// flow, so the endpoint sets it and the handler reads it; timers and sweeps act as "sistema".
/// </summary>
public static class CaseActor
{
    public const string System = "sistema";
    private static readonly AsyncLocal<string?> Current = new();

    public static string Name => Current.Value ?? System;

    public static IDisposable Use(ClaimsPrincipal user) => Use(NameOf(user));

    public static IDisposable Use(string actor)
    {
        var previous = Current.Value;
        Current.Value = actor;
        return new Restore(previous);
    }

    public static string NameOf(ClaimsPrincipal user) => user.Identity?.Name ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonimo";

    private sealed class Restore(string? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
