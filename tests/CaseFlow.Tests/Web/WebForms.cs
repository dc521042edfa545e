using System.Net;
using System.Text.RegularExpressions;
using CaseFlow.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CaseFlow.Tests.Web;

/// <summary>A cookie-keeping HTTP client that reads the antiforgery token of the page it fetched, as a browser's form would send it.</summary>
public sealed partial class WebForms(HttpClient client)
{
    public HttpClient Client { get; } = client;

    public static WebForms For(CaseFlowApp app) =>
        new(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public async Task<string> TokenFromAsync(string path)
    {
        var html = await Client.GetStringAsync(path);
        return WebUtility.HtmlDecode(Token().Match(html).Groups[1].Value);
    }

    public Task<HttpResponseMessage> PostAsync(string path, params (string Name, string Value)[] fields) =>
        Client.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));

    /// <summary>The sign-in page's own form, as the browser posts it.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string userName, string password, string returnUrl = "/") =>
        await PostAsync("/login", ("_handler", "login"), ("__RequestVerificationToken", await TokenFromAsync("/login")),
            ("Input.UserName", userName), ("Input.Password", password), ("Input.ReturnUrl", returnUrl));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
