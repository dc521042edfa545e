using System.Security.Claims;

namespace CaseFlow.Web.Account;

/// <summary>The host's own credential check (the same one <c>POST /auth/login</c> uses), for the sign-in page.</summary>
public interface IPeopleSignIn
{
    /// <summary>The person's principal for the login cookie, or null when the user name or password is wrong.</summary>
    ClaimsPrincipal? Check(string userName, string password);
}
