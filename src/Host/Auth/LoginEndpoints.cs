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
            if (people.Check(userName, password) is not { } principal)
            {
                return Results.Redirect($"/login?error=1&returnUrl={WebUtility.UrlEncode(returnUrl)}");
            }

            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
            return Results.Redirect(returnUrl);
        }).DisableAntiforgery().ExcludeFromDescription();

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

    // Only local paths: an open redirect after login would hand a phishing site a signed-in user.
    private static string LocalOrRoot(string returnUrl) =>
        returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) ? returnUrl : "/";
}
