using System.Security.Claims;

namespace CaseFlow.ServiceDefaults.Access;

/// <summary>
/// The citizens' sign-in, apart from the operators': its own cookie scheme, filled by an OpenID Connect provider
/// (SPID/CIE, or the development provider), with the claims CaseFlow maps the provider's attributes to.
/// </summary>
public static class CitizenIdentity
{
    public const string CookieScheme = "CaseFlow.Citizen";
    public const string ProviderScheme = "CaseFlow.Citizen.Oidc";

    /// <summary>The authorisation policy of the citizens' pages: a signed-in citizen, by the citizen cookie only.</summary>
    public const string Policy = "citizen";

    public const string FiscalCode = "caseflow:fiscal_code";
    public const string GivenName = "caseflow:given_name";
    public const string FamilyName = "caseflow:family_name";
    public const string Email = "caseflow:email";
    public const string Phone = "caseflow:phone";
    public const string Address = "caseflow:address";
    public const string CompanyName = "caseflow:company_name";
    public const string CompanyVat = "caseflow:company_vat";

    public static string? FiscalCodeOf(ClaimsPrincipal? user) =>
        user?.Identity?.AuthenticationType == CookieScheme || user?.Identities.Any(i => i.AuthenticationType == CookieScheme) == true
            ? user!.FindFirstValue(FiscalCode)
            : null;
}
