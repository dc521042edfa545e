using System.Reflection;
using System.Security.Claims;
using System.Text.Json;
using CaseFlow.ServiceDefaults.Access;

namespace CaseFlow.Host.Studio;

/// <summary>
/// Our host page for the Studio's custom elements: it points them at this host's <c>/elsa/api</c> (an absolute URL,
/// as the Studio requires) with a short-lived designer key minted for the signed-in person.
/// </summary>
public static class StudioPage
{
    private static readonly Lazy<string> Template = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("CaseFlow.Host.Studio.StudioPage.html")!;
        return new StreamReader(stream).ReadToEnd();
    });

    public static async Task<IResult> ServeAsync(HttpContext context, StudioBundle bundle, StudioAccessKeys keys)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return Results.Redirect($"/login?returnUrl={Uri.EscapeDataString(StudioExtensions.BasePath)}");
        }

        if (!user.IsInRole(Roles.Designer) && !user.IsInRole(Roles.Admin))
        {
            return Results.Content(Message("Accesso negato", "Elsa Studio è riservato ai progettisti (ruolo designer)."), "text/html; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
        }

        if (bundle.Root is null)
        {
            return Results.Content(Message("Elsa Studio non è installato",
                "Esegui <code>npm ci</code> in <code>src/Host/Studio</code> (o ricompila con npm disponibile) e riavvia CaseFlow."),
                "text/html; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var config = new
        {
            remoteEndpoint = RemoteEndpoint(context.Request),
            apiKey = await keys.ForAsync(user, context.RequestAborted),
            user = user.FindFirstValue("display_name") ?? user.Identity.Name ?? "",
        };
        // The default encoder escapes '<', '>' and '&', so the JSON cannot close the script element it sits in.
        var html = Template.Value.Replace("{{CONFIG}}", JsonSerializer.Serialize(config), StringComparison.Ordinal);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Content(html, "text/html; charset=utf-8");
    }

    /// <summary>This host's Elsa API as an absolute URL: the Studio resolves a relative one against <c>file:</c>.</summary>
    public static string RemoteEndpoint(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}/elsa/api";

    private static string Message(string title, string body) =>
        $"<!DOCTYPE html><html lang=\"it\"><head><meta charset=\"utf-8\"><title>{title} · CaseFlow</title></head><body><h1>{title}</h1><p>{body}</p></body></html>";
}
