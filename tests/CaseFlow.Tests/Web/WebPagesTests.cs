using System.Net;
using CaseFlow.Host.Auth;
using CaseFlow.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CaseFlow.Tests.Web;

public class WebPagesFixture : AppFixture
{
    public const string Password = "prova-pagine-1";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Auth:Users:0:UserName"] = "laura",
        ["Auth:Users:0:DisplayName"] = "Laura Conti",
        ["Auth:Users:0:PasswordHash"] = PasswordHasher.Hash(Password),
        ["Auth:Users:0:Roles:0"] = "officer",
        ["Auth:Users:0:Offices:0"] = "comune-anagrafe",
    };
}

/// <summary>The pages' HTTP behaviour without a browser: sign-in, sign-out, error pages, language, redirects.</summary>
public class WebPagesTests(WebPagesFixture fixture) : IClassFixture<WebPagesFixture>
{
    private WebForms Browser() => WebForms.For(fixture.App);

    [Fact]
    public async Task An_anonymous_visit_to_the_home_is_sent_to_the_sign_in_page()
    {
        var response = await Browser().Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login?ReturnUrl=%2F", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task The_sign_in_page_reports_each_missing_field_next_to_it_and_keeps_the_user_name()
    {
        var browser = Browser();
        var response = await browser.PostAsync("/login", ("_handler", "login"), ("__RequestVerificationToken", await browser.TokenFromAsync("/login")),
            ("Input.UserName", "laura"), ("Input.Password", ""));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<div class=\"invalid-feedback d-block\" id=\"password-error\">Inserisci la password.</div>", html);
        Assert.Contains("aria-describedby=\"password-error\"", html);
        Assert.Contains("value=\"laura\"", html);
        Assert.DoesNotContain("username-error", html);
        Assert.Contains("<a href=\"#password\">Inserisci la password.</a>", html);
    }

    [Fact]
    public async Task The_sign_in_form_without_its_antiforgery_token_signs_nobody_in()
    {
        var browser = Browser();
        var response = await browser.PostAsync("/login", ("_handler", "login"), ("Input.UserName", "laura"), ("Input.Password", WebPagesFixture.Password));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.Client.GetAsync("/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Signing_in_returns_to_a_local_address_only()
    {
        var local = await Browser().SignInAsync("laura", WebPagesFixture.Password, "/ufficio?filtro=scadute");
        var foreign = await Browser().SignInAsync("laura", WebPagesFixture.Password, "//evil.example/");
        var backslash = await Browser().SignInAsync("laura", WebPagesFixture.Password, "/\\evil.example/");

        Assert.Equal("/ufficio?filtro=scadute", local.Headers.Location!.OriginalString.Replace("http://localhost", ""));
        Assert.Equal("/", foreign.Headers.Location!.OriginalString.Replace("http://localhost", ""));
        Assert.Equal("/", backslash.Headers.Location!.OriginalString.Replace("http://localhost", ""));
    }

    [Fact]
    public async Task Signing_out_needs_the_pages_antiforgery_token_and_then_ends_the_session()
    {
        var browser = Browser();
        await browser.SignInAsync("laura", WebPagesFixture.Password);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/auth/me")).StatusCode);

        var forged = await browser.PostAsync("/esci");
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/auth/me")).StatusCode);

        var signedOut = await browser.PostAsync("/esci", ("__RequestVerificationToken", await browser.TokenFromAsync("/ufficio")));
        Assert.Equal("/login?signedOut=1", signedOut.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.Client.GetAsync("/auth/me")).StatusCode);
    }

    [Fact]
    public async Task A_browser_gets_Italian_pages_for_404_and_403_while_the_apis_keep_problem_details()
    {
        var browser = Browser();
        await browser.SignInAsync("laura", WebPagesFixture.Password);

        var missing = await browser.Client.GetAsync("/non-esiste");
        var refused = await browser.Client.GetAsync("/sportello/procedimenti");
        var otherOffice = await browser.Client.GetAsync("/ufficio?ufficio=asl-commissione");
        var api = await browser.Client.GetAsync("/api/non-esiste");
        var elsa = await browser.Client.GetAsync("/elsa/api/non-esiste");
        var apiRefused = await browser.Client.GetAsync("/api/offices/asl-commissione/tasks");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("text/html", missing.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Pagina non trovata", await missing.Content.ReadAsStringAsync());
        Assert.Contains("href=\"/\" id=\"back-home\"", await missing.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Accesso negato", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, otherOffice.StatusCode);
        Assert.Contains("Accesso negato", await otherOffice.Content.ReadAsStringAsync());
        foreach (var response in new[] { api, elsa, apiRefused })
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }

        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, apiRefused.StatusCode);
    }

    [Fact]
    public async Task The_language_switch_turns_the_pages_English_and_back_and_returns_to_the_same_page()
    {
        var browser = Browser();
        var token = await browser.TokenFromAsync("/login");

        var english = await browser.PostAsync("/lingua", ("__RequestVerificationToken", token), ("culture", "en"), ("returnUrl", "/login?returnUrl=%2Fufficio"));
        var page = await browser.Client.GetStringAsync("/login");
        await browser.PostAsync("/lingua", ("__RequestVerificationToken", token), ("culture", "it"), ("returnUrl", "https://evil.example/"));
        var italian = await browser.Client.GetStringAsync("/login");

        Assert.Equal("/login?returnUrl=%2Fufficio", english.Headers.Location!.OriginalString);
        Assert.Contains("<html lang=\"en\">", page);
        Assert.Contains("Operators&#x27; sign-in", page);
        Assert.Contains("<html lang=\"it\">", italian);
        Assert.Contains("Accesso operatori", italian);
    }

    [Fact]
    public async Task Bootstrap_Italia_and_its_fonts_are_served_by_the_host_itself()
    {
        var client = Browser().Client;
        var page = await client.GetStringAsync("/login");
        var css = await client.GetAsync("/assets/bootstrap-italia/css/bootstrap-italia.min.css");
        var font = await client.GetAsync("/assets/bootstrap-italia/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-600.woff2");
        var own = await client.GetStringAsync("/assets/caseflow/caseflow.css");

        Assert.Contains("href=\"/assets/bootstrap-italia/css/bootstrap-italia.min.css?v=2.18.3\"", page);
        Assert.DoesNotContain("https://", page);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, font.StatusCode);
        Assert.Contains("font-family: \"Titillium Web\"", own);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/_framework/blazor.web.js")).StatusCode);
    }
}

/// <summary>A page that throws: the browser gets the Italian error page, an API path the problem details.</summary>
public class WebExceptionTests
{
    [Fact]
    public async Task An_exception_shows_a_browser_the_Italian_error_page_and_an_api_client_problem_details()
    {
        await using var app = new CaseFlowApp(await TestCluster.CreateDatabaseAsync())
        {
            // After the whole pipeline, where a request that no endpoint took ends: a stand-in for a page that fails.
            ConfigureServices = services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new ThrowAtTheEnd()),
        };
        var client = app.CreateClient();

        var page = await client.GetAsync("/prova-guasto");
        var api = await client.GetAsync("/api/prova-guasto");

        Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Si è verificato un errore", System.Net.WebUtility.HtmlDecode(html));
        Assert.DoesNotContain("guasto di prova", html);
        Assert.Equal(HttpStatusCode.InternalServerError, api.StatusCode);
        Assert.True(api.Content.Headers.ContentType!.MediaType == "application/problem+json", await api.Content.ReadAsStringAsync());
    }

    private sealed class ThrowAtTheEnd : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Run(context => context.Request.Path.Value!.EndsWith("/prova-guasto", StringComparison.Ordinal)
                ? throw new InvalidOperationException("guasto di prova")
                : Task.CompletedTask);
        };
    }
}
