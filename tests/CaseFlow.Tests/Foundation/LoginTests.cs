using System.Net;
using System.Text.Json;
using CaseFlow.Host.Auth;
using CaseFlow.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CaseFlow.Tests.Foundation;

public class LoginFixture : AppFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Auth:Users:0:UserName"] = "laura",
        ["Auth:Users:0:DisplayName"] = "Laura Conti",
        ["Auth:Users:0:PasswordHash"] = PasswordHasher.Hash("segreta-123"),
        ["Auth:Users:0:Roles:0"] = "officer",
        ["Auth:Users:0:Offices:0"] = "comune-anagrafe",
    };
}

public class LoginTests(LoginFixture fixture) : IClassFixture<LoginFixture>
{
    private HttpClient Browser() => fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Fact]
    public async Task Signing_in_sets_a_cookie_that_carries_roles_and_offices()
    {
        var browser = Browser();
        var login = await browser.PostAsync("/auth/login", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["username"] = "laura", ["password"] = "segreta-123", ["returnUrl"] = "/api-docs/" }));

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/api-docs/", login.Headers.Location?.ToString());
        using var me = JsonDocument.Parse(await browser.GetStringAsync("/auth/me"));
        Assert.Equal("laura", me.RootElement.GetProperty("name").GetString());
        Assert.Equal(["officer"], me.RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["comune-anagrafe"], me.RootElement.GetProperty("offices").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_wrong_password_returns_to_the_login_page_with_an_error_and_no_cookie()
    {
        var browser = Browser();
        var login = await browser.PostAsync("/auth/login", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["username"] = "laura", ["password"] = "sbagliata", ["returnUrl"] = "/" }));

        Assert.StartsWith("/login?error=1", login.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/auth/me")).StatusCode);
        Assert.Contains("Nome utente o password non corretti", await browser.GetStringAsync("/login?error=1"));
    }

    [Fact]
    public async Task The_return_url_after_login_is_never_another_site()
    {
        var login = await Browser().PostAsync("/auth/login", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["username"] = "laura", ["password"] = "segreta-123", ["returnUrl"] = "//evil.example/" }));

        Assert.Equal("/", login.Headers.Location?.ToString());
    }

    [Fact]
    public async Task An_api_answers_401_without_redirecting_to_the_login_page()
    {
        var response = await Browser().GetAsync("/api/admin/api-keys");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_short_lived_api_key_stops_working_when_it_expires()
    {
        var store = fixture.App.Services.GetRequiredService<ApiKeyStore>();
        var (_, live) = await store.CreateAsync("studio-session", ["designer"], CancellationToken.None, TimeSpan.FromHours(1), "laura");
        var (_, expired) = await store.CreateAsync("studio-session", ["designer"], CancellationToken.None, TimeSpan.FromSeconds(-1), "laura");

        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.App.CreateClient(live).GetAsync("/api/admin/api-keys")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.App.CreateClient(expired).GetAsync("/api/admin/api-keys")).StatusCode);
    }

    [Fact]
    public void Password_hashes_verify_only_the_right_password()
    {
        var hash = PasswordHasher.Hash("correct horse");
        Assert.True(PasswordHasher.Verify("correct horse", hash));
        Assert.False(PasswordHasher.Verify("correct horse!", hash));
        Assert.DoesNotContain("correct horse", hash);
    }
}
