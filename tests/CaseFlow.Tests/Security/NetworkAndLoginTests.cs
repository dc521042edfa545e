using System.Net;
using CaseFlow.Host.Auth;
using CaseFlow.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CaseFlow.Tests.Security;

/// <summary>A host behind a proxy at 10.0.0.5 with one person who signs in, and tight sign-in limits.</summary>
public class ProxiedHostFixture : IAsyncLifetime
{
    public const string Proxy = "10.0.0.5";

    public CaseFlowApp App { get; private set; } = null!;

    protected virtual int Limit => 1000;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Network:KnownProxies:0"] = Proxy,
            ["Auth:LoginAttemptsPerAddress"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Auth:LoginAttemptsPerUser"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        for (var i = 0; i < 4; i++)
        {
            settings[$"Auth:Users:{i}:UserName"] = $"utente{i}";
            settings[$"Auth:Users:{i}:PasswordHash"] = PasswordHasher.Hash("segreta-123");
            settings[$"Auth:Users:{i}:Roles:0"] = "frontdesk";
        }

        App = new CaseFlowApp(await TestCluster.CreateDatabaseAsync(), settings) { ConfigureServices = PeerAddress.Install };
        _ = App.Server;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    public HttpClient Browser() => App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Posts the sign-in form from <paramref name="peer"/>, with forwarded headers when given.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string peer, string user, string password, string returnUrl = "/", string? forwardedFor = null, string? forwardedProto = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = user, ["password"] = password, ["returnUrl"] = returnUrl }),
        };
        request.Headers.Add(PeerAddress.Header, peer);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }

        return await Browser().SendAsync(request);
    }
}

public class ThrottledHostFixture : ProxiedHostFixture
{
    protected override int Limit => 3;
}

public class NetworkAndLoginTests(ProxiedHostFixture fixture) : IClassFixture<ProxiedHostFixture>
{
    private static string? CookieHeader(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Single(v => v.StartsWith("caseflow.auth=", StringComparison.Ordinal)) : null;

    [Fact]
    public async Task Behind_the_configured_TLS_proxy_the_sign_in_cookie_is_secure_but_a_stranger_cannot_claim_https()
    {
        var viaProxy = await fixture.SignInAsync(ProxiedHostFixture.Proxy, "utente0", "segreta-123", forwardedFor: "203.0.113.10", forwardedProto: "https");
        var stranger = await fixture.SignInAsync("198.51.100.20", "utente1", "segreta-123", forwardedFor: "127.0.0.1", forwardedProto: "https");

        Assert.Contains("secure", CookieHeader(viaProxy)!, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", CookieHeader(stranger)!, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/\t/evil.example")]
    [InlineData("/\n/evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("/ /evil.example")]
    public async Task After_sign_in_only_a_local_path_is_followed(string returnUrl)
    {
        var response = await fixture.SignInAsync("192.0.2.30", "utente2", "segreta-123", returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_local_return_path_with_a_query_is_followed()
    {
        var response = await fixture.SignInAsync("192.0.2.31", "utente3", "segreta-123", "/studio?tab=instances");
        Assert.Equal("/studio?tab=instances", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_jobs_dashboard_needs_an_admin_not_a_local_address()
    {
        using var fromLoopback = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        fromLoopback.Headers.Add(PeerAddress.Header, "127.0.0.1");
        var anonymous = await fixture.Browser().SendAsync(fromLoopback);
        var supervisorKey = await KeyAsync("supervisor");

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/login?", anonymous.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.App.CreateClient(supervisorKey).GetAsync("/hangfire")).StatusCode);
        var admin = await fixture.App.CreateAdminClient().GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Contains("CaseFlow — jobs", await admin.Content.ReadAsStringAsync());
    }

    private async Task<string> KeyAsync(string role)
    {
        var created = await fixture.App.CreateAdminClient().PostAsync("/api/admin/api-keys",
            new StringContent($$"""{"name":"{{role}}","roles":["{{role}}"]}""", System.Text.Encoding.UTF8, "application/json"));
        created.EnsureSuccessStatusCode();
        return System.Text.Json.Nodes.JsonNode.Parse(await created.Content.ReadAsStringAsync())!["key"]!.GetValue<string>();
    }
}

public class LoginThrottleTests(ThrottledHostFixture fixture) : IClassFixture<ThrottledHostFixture>
{
    [Fact]
    public async Task One_address_behind_the_proxy_is_throttled_without_throttling_its_neighbours()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await fixture.SignInAsync(ProxiedHostFixture.Proxy, $"nessuno{i}", "x", forwardedFor: "203.0.113.50")).StatusCode);
        }

        var neighbour = await fixture.SignInAsync(ProxiedHostFixture.Proxy, "nessuno9", "x", forwardedFor: "203.0.113.51");

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.Redirect, neighbour.StatusCode);
    }

    [Fact]
    public async Task Guessing_one_users_password_from_many_addresses_is_throttled_per_user_name()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await fixture.SignInAsync($"198.51.100.{100 + i}", "utente1", "sbagliata")).StatusCode);
        }

        var fourth = await fixture.SignInAsync("198.51.100.110", "UTENTE1", "segreta-123");

        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.Contains("username", await fourth.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await fixture.SignInAsync("198.51.100.111", "utente2", "segreta-123")).StatusCode);
    }
}

public class SignInPageThrottleTests(ThrottledHostFixture fixture) : IClassFixture<ThrottledHostFixture>
{
    private async Task<HttpResponseMessage> PageSignInAsync(HttpClient browser, string peer, string user, string password)
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, "/login");
        get.Headers.Add(PeerAddress.Header, peer);
        var html = await (await browser.SendAsync(get)).Content.ReadAsStringAsync();
        var token = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login", ["__RequestVerificationToken"] = token, ["Input.UserName"] = user, ["Input.Password"] = password, ["Input.ReturnUrl"] = "/",
            }),
        };
        post.Headers.Add(PeerAddress.Header, peer);
        return await browser.SendAsync(post);
    }

    [Fact]
    public async Task The_sign_in_page_shares_the_per_user_name_limit_with_the_login_endpoint_and_says_so_beside_the_field()
    {
        // Three wrong guesses for one name through the endpoint, from three addresses.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await fixture.SignInAsync($"198.51.100.{150 + i}", "utente3", "sbagliata")).StatusCode);
        }

        // The right password through the page, from a fourth address, is refused without signing in.
        var browser = fixture.Browser();
        var page = await PageSignInAsync(browser, "198.51.100.160", "utente3", "segreta-123");

        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Contains("Troppi tentativi di accesso", await page.Content.ReadAsStringAsync());
        Assert.DoesNotContain(page.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("caseflow.auth", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_sign_in_page_limits_guesses_from_one_address_across_user_names()
    {
        var browser = fixture.Browser();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await PageSignInAsync(browser, "203.0.113.77", $"sconosciuto{i}", "x")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }
}
