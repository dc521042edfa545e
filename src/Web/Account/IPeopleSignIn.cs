using System.Security.Claims;

namespace CaseFlow.Web.Account;

/// <summary>The host's own credential check (the same one <c>POST /auth/login</c> uses), for the sign-in page.</summary>
public interface IPeopleSignIn
{
    /// <summary>
    /// Checks one attempt: the principal for the login cookie, or none when the user name or password is wrong, or
    /// <see cref="SignInCheck.Throttled"/> when this user name (whatever the address) or, when given, this address has
    /// had its attempts for now.
    /// </summary>
    /// <param name="from">The client's address, for callers the address rate-limit policy does not already cover.</param>
    SignInCheck Check(string userName, string password, System.Net.IPAddress? from = null);
}

/// <param name="Principal">Signed in; null when refused.</param>
/// <param name="Throttled">Refused without checking: too many attempts for this user name.</param>
public sealed record SignInCheck(ClaimsPrincipal? Principal, bool Throttled = false);
