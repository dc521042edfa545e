using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Web.Account;

/// <summary><c>POST /esci</c>: the header's sign-out button. A form field makes the endpoint check the antiforgery token.</summary>
public static class SignOutEndpoint
{
    public const string Path = "/esci";

    internal static void Map(IEndpointRouteBuilder app) =>
        app.MapPost(Path, async (HttpContext http, [FromForm(Name = "__RequestVerificationToken")] string? token) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/login?signedOut=1");
        }).ExcludeFromDescription();
}
