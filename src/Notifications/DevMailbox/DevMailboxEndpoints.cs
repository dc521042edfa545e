using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Notifications.DevMailbox;

/// <summary><c>/dev/mailbox</c>: the messages written to the pickup folder when no SMTP server is configured.</summary>
internal static class DevMailboxEndpoints
{
    private static readonly CultureInfo Italian = CultureInfo.GetCultureInfo("it-IT");

    public static IEndpointRouteBuilder MapDevMailbox(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/dev/mailbox").ExcludeFromDescription().AddEndpointFilter(async (context, next) =>
            DevMailboxAccess.Allowed(context.HttpContext) ? await next(context) : Results.NotFound());

        group.MapGet("/", (MailboxFiles files) =>
        {
            var rows = new StringBuilder();
            foreach (var entry in files.List())
            {
                rows.Append(CultureInfo.InvariantCulture, $"""
                    <tr><td>{E(entry.Date.ToLocalTime().ToString("dd/MM/yyyy HH:mm:ss", Italian))}</td><td>{E(entry.To)}</td>
                    <td><a href="/dev/mailbox/{Uri.EscapeDataString(entry.Name)}">{E(entry.Subject)}</a></td></tr>
                    """);
            }

            var body = rows.Length == 0
                ? "<p>Nessun messaggio. I messaggi compaiono qui quando non è configurato un server SMTP (<code>Smtp:Host</code>).</p>"
                : $"<table><caption>Messaggi, dal più recente</caption><thead><tr><th scope=\"col\">Data</th><th scope=\"col\">Destinatario</th><th scope=\"col\">Oggetto</th></tr></thead><tbody>{rows}</tbody></table>";
            return Page("Casella di sviluppo", $"<h1>Casella di sviluppo</h1>{body}");
        });

        group.MapGet("/{name}", (string name, MailboxFiles files) =>
        {
            if (files.Load(name) is not { } message)
            {
                return Results.NotFound();
            }

            var headers = string.Concat(message.Headers.Select(h => $"<dt>{E(h.Field)}</dt><dd>{E(h.Value)}</dd>"));
            var html = message.HtmlBody is null ? "<p>Nessuna parte HTML.</p>"
                // sandbox without allow-scripts: the message's HTML cannot run code or reach this page.
                : $"<iframe sandbox title=\"Parte HTML del messaggio\" src=\"/dev/mailbox/{Uri.EscapeDataString(name)}/html\" style=\"width:100%;height:32rem\"></iframe>";
            return Page(message.Subject ?? name, $"""
                <p><a href="/dev/mailbox">← Tutti i messaggi</a></p>
                <h1>{E(message.Subject ?? "")}</h1>
                <h2>Parte HTML</h2>{html}
                <h2>Parte testo</h2><pre>{E(message.TextBody ?? "")}</pre>
                <h2>Intestazioni</h2><dl>{headers}</dl>
                """);
        });

        group.MapGet("/{name}/html", (string name, MailboxFiles files, HttpContext context) =>
        {
            if (files.Load(name)?.HtmlBody is not { } html)
            {
                return Results.NotFound();
            }

            context.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'";
            return Results.Content(html, "text/html; charset=utf-8");
        });

        return app;
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);

    private static IResult Page(string title, string body) => Results.Content($$"""
        <!DOCTYPE html>
        <html lang="it"><head><meta charset="utf-8"><title>{{E(title)}} — CaseFlow</title>
        <style>body{font-family:sans-serif;margin:2rem;max-width:70rem}td,th{padding:.3rem .6rem;text-align:left}pre{white-space:pre-wrap;background:#f4f4f4;padding:1rem}dt{font-weight:bold}</style>
        </head><body><main>{{body}}</main></body></html>
        """, "text/html; charset=utf-8");
}
