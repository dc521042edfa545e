using System.Net;

namespace CaseFlow.Host.Auth;

/// <summary>The sign-in page, in Italian, accessible (labels, lang, focus order) and with no external resources.</summary>
internal static class LoginPage
{
    public static string Render(string? returnUrl, bool failed) => $$"""
        <!DOCTYPE html>
        <html lang="it">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Accesso — CaseFlow</title>
          <style>
            body { font-family: system-ui, sans-serif; background: #f4f6f8; color: #1b1f23; margin: 0; }
            main { max-width: 22rem; margin: 10vh auto; background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
            h1 { font-size: 1.4rem; margin-top: 0; }
            label { display: block; margin: 1rem 0 .3rem; font-weight: 600; }
            input { width: 100%; box-sizing: border-box; padding: .55rem; font-size: 1rem; border: 1px solid #8a949e; border-radius: 4px; }
            button { margin-top: 1.5rem; width: 100%; padding: .65rem; font-size: 1rem; background: #0a5ea8; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
            .error { color: #a4000f; background: #fde8ea; padding: .5rem; border-radius: 4px; }
          </style>
        </head>
        <body>
          <main>
            <h1>CaseFlow — Accesso operatori</h1>
            {{(failed ? "<p class=\"error\" role=\"alert\">Nome utente o password non corretti.</p>" : "")}}
            <form method="post" action="/auth/login">
              <input type="hidden" name="returnUrl" value="{{WebUtility.HtmlEncode(returnUrl ?? "/")}}">
              <label for="username">Nome utente</label>
              <input id="username" name="username" autocomplete="username" required autofocus>
              <label for="password">Password</label>
              <input id="password" name="password" type="password" autocomplete="current-password" required>
              <button type="submit">Accedi</button>
            </form>
          </main>
        </body>
        </html>
        """;
}
