namespace CaseFlow.Host.Auth;

/// <summary>The admin key that Development configures; public in the README, so worthless anywhere else.</summary>
public static class DevelopmentKey
{
    public const string Value = "caseflow-dev-admin-key";

    public static bool Is(string secret) => string.Equals(secret.Trim(), Value, StringComparison.Ordinal);
}
