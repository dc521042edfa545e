using System.Security.Claims;
using CaseFlow.ServiceDefaults.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace CaseFlow.Web.Citizens.Account;

/// <summary>The citizen signed in with SPID/CIE (the citizen cookie), as the citizen pages show and use them.</summary>
public sealed record SignedInCitizen(string FiscalCode, string GivenName, string FamilyName, string? Email, string? Phone, string? Address,
    string? CompanyName, string? CompanyVat)
{
    public string DisplayName => $"{GivenName} {FamilyName}".Trim();

    public static SignedInCitizen? Of(ClaimsPrincipal? user) =>
        user is not null && CitizenIdentity.FiscalCodeOf(user) is { } fiscalCode
            ? new SignedInCitizen(fiscalCode, user.FindFirstValue(CitizenIdentity.GivenName) ?? "", user.FindFirstValue(CitizenIdentity.FamilyName) ?? "",
                user.FindFirstValue(CitizenIdentity.Email), user.FindFirstValue(CitizenIdentity.Phone), user.FindFirstValue(CitizenIdentity.Address),
                user.FindFirstValue(CitizenIdentity.CompanyName), user.FindFirstValue(CitizenIdentity.CompanyVat))
            : null;

    /// <summary>
    /// The citizen of this request, on any page: the citizen pages are authorised by the citizen cookie, the public ones
    /// read it here (the request's default user is the operators').
    /// </summary>
    public static async Task<SignedInCitizen?> OfRequestAsync(HttpContext? http)
    {
        if (http is null)
        {
            return null;
        }

        if (Of(http.User) is { } already)
        {
            return already;
        }

        var result = await http.AuthenticateAsync(CitizenIdentity.CookieScheme);
        return result.Succeeded ? Of(result.Principal) : null;
    }
}
