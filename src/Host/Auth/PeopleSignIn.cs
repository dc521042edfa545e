using System.Security.Claims;
using CaseFlow.Web.Account;
using Microsoft.Extensions.Options;

namespace CaseFlow.Host.Auth;

/// <summary>The one credential check of both sign-in paths (the web page and <c>POST /auth/login</c>), with the per-user-name limit.</summary>
internal sealed class PeopleSignIn(IOptions<AuthOptions> options, LoginThrottle throttle) : IPeopleSignIn
{
    public SignInCheck Check(string userName, string password, System.Net.IPAddress? from = null)
    {
        // Counted before any hashing: a flood of guesses for one name costs no PBKDF2 work once the limit is reached.
        if ((from is not null && !throttle.TryAttemptFrom(from)) || !throttle.TryAttempt(userName))
        {
            return new SignInCheck(null, Throttled: true);
        }

        var user = options.Value.Users.FirstOrDefault(u => string.Equals(u.UserName, userName, StringComparison.OrdinalIgnoreCase));
        // An unknown name costs the same PBKDF2 work as a wrong password, so timing does not tell which names exist.
        var verified = PasswordHasher.Verify(password, user?.PasswordHash ?? LoginEndpoints.UnknownUserHash);
        return new SignInCheck(user is not null && verified ? LoginEndpoints.Principal(user) : null);
    }
}
