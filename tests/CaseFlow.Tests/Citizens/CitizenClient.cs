using System.Net;
using System.Text.RegularExpressions;
using CaseFlow.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CaseFlow.Tests.Citizens;

/// <summary>
/// A citizen's cookie-keeping browser without a browser: it follows the OpenID Connect redirects by hand, so a test can
/// see every hop (authorize with PKCE, the provider's page, the callback with the code).
/// </summary>
public sealed partial class CitizenClient(HttpClient client)
{
    public HttpClient Client { get; } = client;

    public static CitizenClient For(CaseFlowApp app) =>
        new(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>The authorize request the host sent the browser to (the first hop of <c>/accedi</c>).</summary>
    public Uri? AuthorizeRequest { get; private set; }

    /// <summary>Signs in as one of the provider's demo people; returns where the host sent the browser at the end.</summary>
    public async Task<string> SignInAsync(string person, string returnUrl = "/area-personale")
    {
        var start = await Client.GetAsync($"/accedi?returnUrl={Uri.EscapeDataString(returnUrl)}");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        AuthorizeRequest = start.Headers.Location!;
        var page = await Client.GetAsync(AuthorizeRequest);
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, html);
        var callback = await ChooseAsync(html, person);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        var back = await Client.GetAsync(callback.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        return back.Headers.Location!.OriginalString;
    }

    /// <summary>Posts the provider's page with the chosen person, as its button does.</summary>
    public Task<HttpResponseMessage> ChooseAsync(string providerPage, string person)
    {
        var action = WebUtility.HtmlDecode(FormAction().Match(providerPage).Groups[1].Value);
        var fields = Hidden().Matches(providerPage).Select(m => new KeyValuePair<string, string>(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value)))
            .Append(new("dev_person", person));
        return Client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    public async Task<string> TokenFromAsync(string path)
    {
        var html = await Client.GetStringAsync(path);
        return WebUtility.HtmlDecode(Token().Match(html).Groups[1].Value);
    }

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]+)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")]
    private static partial Regex Hidden();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
