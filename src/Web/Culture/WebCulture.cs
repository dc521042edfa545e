using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Web.Culture;

/// <summary>Italian first; English when the person chose it with the language switch (a cookie, so any host honours it).</summary>
public static class WebCulture
{
    public const string Italian = "it";
    public const string English = "en";
    public const string SwitchPath = "/lingua";

    public static IReadOnlyList<string> Supported { get; } = [Italian, English];

    internal static RequestLocalizationOptions Options()
    {
        var cultures = Supported.Select(c => new CultureInfo(c)).ToList();
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Italian),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
        };
        // Only the person's explicit choice: a browser set to English still gets Italian until its user asks.
        options.RequestCultureProviders = [new CookieRequestCultureProvider()];
        return options;
    }

    internal static void MapSwitch(IEndpointRouteBuilder app) =>
        app.MapPost(SwitchPath, ([FromForm] string culture, [FromForm] string? returnUrl, HttpContext http) =>
        {
            var chosen = Supported.Contains(culture) ? culture : Italian;
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
            return Results.LocalRedirect(LocalUrl.OrRoot(returnUrl));
        }).ExcludeFromDescription();
}
