using System.Security.Claims;

namespace CaseFlow.ServiceDefaults.Access;

/// <summary>The <c>office</c> claim: one per office a person or an officer's API key works for.</summary>
public static class OfficeClaims
{
    public const string Type = "office";

    public static IReadOnlyList<string> OfficesOf(ClaimsPrincipal user) =>
        [.. user.FindAll(Type).Select(c => c.Value).Distinct(StringComparer.Ordinal)];
}
