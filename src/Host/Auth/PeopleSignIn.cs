using System.Security.Claims;
using CaseFlow.Web.Account;
using Microsoft.Extensions.Options;

namespace CaseFlow.Host.Auth;

/// <summary>The one credential check for people (<c>Auth:Users</c>), shared by <c>POST /auth/login</c> and the sign-in page.</summary>
internal sealed class PeopleSignIn(IOptions<AuthOptions> options) : IPeopleSignIn
{
    public ClaimsPrincipal? Check(string userName, string password)
    {
        var user = options.Value.Users.FirstOrDefault(u => string.Equals(u.UserName, userName, StringComparison.OrdinalIgnoreCase));
        // An unknown name costs the same PBKDF2 work as a wrong password, so timing does not tell which names exist.
        var verified = PasswordHasher.Verify(password, user?.PasswordHash ?? LoginEndpoints.UnknownUserHash);
        return user is not null && verified ? LoginEndpoints.Principal(user) : null;
    }
}
