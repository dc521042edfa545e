using System.Net;
using System.Security.Claims;
using CaseFlow.ServiceDefaults.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using CaseFlow.Web.Account;

namespace CaseFlow.Host.Auth;

/// <summary>People's sign-in for scripts and forms (the sign-in page itself is CaseFlow.Web's <c>/login</c>), sign-out and "who am I".</summary>
public static class LoginEndpoints
{
    public static IEndpointRouteBuilder MapCaseFlowLogin(this IEndpointRouteBuilder app)
    {
        app.MapPost("/auth/login", async (HttpContext http, IPeopleSignIn people) =>
        {
            var form = await http.Request.ReadFormAsync();
            var userName = form["username"].ToString().Trim();
            var password = form["password"].ToString();
            var returnUrl = LocalOrRoot(form["returnUrl"].ToString());
            var check = people.Check(userName, password);
            if (check.Throttled)
            {
                return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, type: "https://caseflow.example/problems/too-many-sign-ins",
                    title: "Troppi tentativi di accesso. / Too many sign-in attempts.",
                    detail: "Troppi tentativi per questo nome utente: riprovare fra qualche minuto. / Too many attempts for this user name: try again in a few minutes.",
                    extensions: new Dictionary<string, object?> { ["field"] = "username" });
            }

            if (check.Principal is not { } principal)
            {
                return Results.Redirect($"/login?error=1&returnUrl={WebUtility.UrlEncode(returnUrl)}");
            }

            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
            return Results.Redirect(returnUrl);
        }).DisableAntiforgery().RequireRateLimiting(LoginThrottle.AddressPolicy).ExcludeFromDescription();

        app.MapPost("/auth/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/login");
        }).DisableAntiforgery().ExcludeFromDescription();

        app.MapGet("/auth/me", (ClaimsPrincipal user) => Results.Ok(new
        {
            name = user.Identity?.Name,
            displayName = user.FindFirstValue("display_name") ?? user.Identity?.Name,
            roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value),
            offices = user.FindAll(CaseFlowClaims.Office).Select(c => c.Value),
        })).RequireAuthorization().WithTags("Administration");

        return app;
    }

    public static ClaimsPrincipal Principal(UserAccount user)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, $"user:{user.UserName}"),
            new(ClaimTypes.Name, user.UserName),
            new("display_name", string.IsNullOrWhiteSpace(user.DisplayName) ? user.UserName : user.DisplayName),
        };
        claims.AddRange(user.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        claims.AddRange(user.Offices.Select(o => new Claim(CaseFlowClaims.Office, o)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    internal static readonly string UnknownUserHash = PasswordHasher.Hash(Guid.NewGuid().ToString());

    /// <summary>
    /// Only local paths: an open redirect after login would hand a phishing site a signed-in user. Browsers drop tabs
    /// and newlines and read <c>\</c> as <c>/</c>, so <c>/%09/evil.example</c> or <c>/\evil.example</c> would leave the site:
    /// a path with a control character, a space or a backslash anywhere is refused, like one starting <c>//</c>.
    /// </summary>
    public static string LocalOrRoot(string returnUrl) =>
        returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
        && !returnUrl.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\') ? returnUrl : "/";
}
