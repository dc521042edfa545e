using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CaseFlow.DevIdentity;

/// <summary>
/// The authorization endpoint's own page (OpenIddict passes the validated request through): pick one of the demo
/// people, and the provider signs them in and returns the code to the client. There is no password: it is a stand-in
/// for SPID and CIE in Development and in the tests only.
/// </summary>
internal static class SignInPage
{
    public const string PersonField = "dev_person";

    public static async Task HandleAsync(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");
        var options = http.RequestServices.GetRequiredService<IOptions<DevIdentityOptions>>().Value;
        var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
        if (HttpMethods.IsPost(http.Request.Method) && request.GetParameter(PersonField)?.ToString() is { Length: > 0 } chosen)
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                await WriteAsync(http, "Richiesta non valida", "<p>Il modulo è scaduto: torni al servizio e riprovi.</p>");
                return;
            }

            if (options.PeopleOrDefault.FirstOrDefault(p => p.Id == chosen) is { } person)
            {
                await http.SignInAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Principal(person, request));
                return;
            }
        }

        await WriteAsync(http, "Accesso con identità digitale di prova", Form(http, request, options, antiforgery.GetAndStoreTokens(http)));
    }

    private static ClaimsPrincipal Principal(DemoPerson person, OpenIddictRequest request)
    {
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, person.Id)
            .SetClaim("fiscalNumber", person.FiscalNumber)
            .SetClaim("name", person.Name)
            .SetClaim("familyName", person.FamilyName)
            .SetClaim("email", person.Email)
            .SetClaim("mobilePhone", person.MobilePhone)
            .SetClaim("dateOfBirth", person.DateOfBirth)
            .SetClaim("companyName", person.CompanyName)
            .SetClaim("ivaCode", person.VatNumber);
        if (!string.IsNullOrEmpty(person.Address))
        {
            // OpenID Connect's address claim is a JSON object; its formatted member holds SPID's domicile as one line.
            identity.AddClaim(new Claim(Claims.Address, System.Text.Json.JsonSerializer.Serialize(new { formatted = person.Address }), "JSON"));
        }

        identity.SetScopes(request.GetScopes());
        // SPID's attributes travel in the identity token (and the userinfo answer) for the client to map.
        identity.SetDestinations(static claim => [Destinations.IdentityToken, Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }

    private static string Form(HttpContext http, OpenIddictRequest request, DevIdentityOptions options, AntiforgeryTokenSet tokens)
    {
        var html = new StringBuilder();
        html.Append("<p class=\"lead\">Ambiente di sviluppo: al posto di SPID o CIE scelga una delle persone di prova. Nessuna password è richiesta.</p>");
        html.Append($"<form method=\"post\" action=\"{Encode(http.Request.PathBase + http.Request.Path)}\">");
        html.Append($"<input type=\"hidden\" name=\"{Encode(tokens.FormFieldName)}\" value=\"{Encode(tokens.RequestToken ?? "")}\">");
        foreach (var (name, value) in request.GetParameters())
        {
            if (name is not PersonField && name != tokens.FormFieldName)
            {
                html.Append($"<input type=\"hidden\" name=\"{Encode(name)}\" value=\"{Encode(value.ToString() ?? "")}\">");
            }
        }

        html.Append("<ul class=\"list-unstyled\">");
        foreach (var person in options.PeopleOrDefault)
        {
            var who = person.CompanyName is { Length: > 0 } company ? $" — legale rappresentante di {company}" : "";
            html.Append($"<li class=\"mb-3\"><button type=\"submit\" class=\"btn btn-primary\" name=\"{PersonField}\" value=\"{Encode(person.Id)}\" id=\"person-{Encode(person.Id)}\">")
                .Append($"Entra come {Encode(person.Name)} {Encode(person.FamilyName)}{Encode(who)}</button>")
                .Append($" <span class=\"text-muted\">{Encode(person.FiscalNumber)}</span></li>");
        }

        return html.Append("</ul></form>").ToString();
    }

    private static Task WriteAsync(HttpContext http, string title, string body)
    {
        var stylesheet = http.RequestServices.GetRequiredService<IOptions<DevIdentityOptions>>().Value.Stylesheet;
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="it"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Encode(title)} — Identità digitale di prova</title>
            {(string.IsNullOrEmpty(stylesheet) ? "" : $"<link rel=\"stylesheet\" href=\"{Encode(stylesheet)}\">")}
            </head><body>
            <header class="it-header-slim-wrapper"><div class="container"><p class="text-white mb-0 py-2">Identità digitale di prova (sviluppo)</p></div></header>
            <main class="container my-5"><h1 class="mb-4">{Encode(title)}</h1>{body}</main>
            </body></html>
            """);
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
