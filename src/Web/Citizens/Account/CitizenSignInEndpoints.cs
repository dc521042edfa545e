using CaseFlow.ServiceDefaults.Access;
using CaseFlow.Web.Culture;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Web.Citizens.Account;

/// <summary>
/// <c>GET /accedi?returnUrl=</c> starts the OpenID Connect sign-in and comes back to that page (C.SE.1.1: from a
/// service's page straight into its flow); <c>POST /area-personale/esci</c> signs the citizen out of CaseFlow.
/// </summary>
public static class CitizenSignInEndpoints
{
    public const string SignInPath = "/accedi";
    public const string SignOutPath = "/area-personale/esci";

    public static string SignIn(string returnUrl) => $"{SignInPath}?returnUrl={Uri.EscapeDataString(returnUrl)}";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(SignInPath, async (HttpContext http, IAuthenticationSchemeProvider schemes, string? returnUrl, string? errore) =>
        {
            if (errore is not null || await schemes.GetSchemeAsync(CitizenIdentity.ProviderScheme) is null)
            {
                return Results.Redirect($"{SignInPath}/non-riuscito{(errore is null ? "?motivo=non-configurato" : $"?motivo={Uri.EscapeDataString(errore)}")}");
            }

            return Results.Challenge(new AuthenticationProperties { RedirectUri = LocalUrl.OrRoot(returnUrl) == "/" ? "/area-personale" : returnUrl },
                [CitizenIdentity.ProviderScheme]);
        }).AllowAnonymous().ExcludeFromDescription();

        // A form field makes the endpoint check the antiforgery token.
        app.MapPost(SignOutPath, async (HttpContext http, [Microsoft.AspNetCore.Mvc.FromForm(Name = "__RequestVerificationToken")] string? token) =>
        {
            await http.SignOutAsync(CitizenIdentity.CookieScheme);
            return Results.Redirect("/servizi?uscita=1");
        }).AllowAnonymous().ExcludeFromDescription();
    }
}
