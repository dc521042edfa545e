using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using CaseFlow.Host.Auth;
using CaseFlow.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CaseFlow.Tests.Studio;

public class StudioFixture : AppFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Auth:Users:0:UserName"] = "giulia",
        ["Auth:Users:0:DisplayName"] = "Giulia Bianchi",
        ["Auth:Users:0:PasswordHash"] = PasswordHasher.Hash("progetta"),
        ["Auth:Users:0:Roles:0"] = "designer",
        ["Auth:Users:1:UserName"] = "marco",
        ["Auth:Users:1:PasswordHash"] = PasswordHasher.Hash("sportello"),
        ["Auth:Users:1:Roles:0"] = "frontdesk",
        ["Auth:Users:2:UserName"] = "capo",
        ["Auth:Users:2:PasswordHash"] = PasswordHasher.Hash("capo"),
        ["Auth:Users:2:Roles:0"] = "admin",
    };
}

/// <summary>/studio over HTTP: who may open it, what the host page hands the Studio, and how the bundle is served.</summary>
public partial class StudioServingTests(StudioFixture fixture) : IClassFixture<StudioFixture>
{
    private async Task<HttpClient> SignedIn(string user, string password)
    {
        var browser = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await browser.PostAsync("/auth/login", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["username"] = user, ["password"] = password, ["returnUrl"] = "/studio" }));
        Assert.Equal("/studio", login.Headers.Location?.ToString());
        return browser;
    }

    private static async Task<JsonElement> PageConfig(HttpResponseMessage page)
    {
        var html = await page.Content.ReadAsStringAsync();
        var json = ConfigScript().Match(html).Groups[1].Value;
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    [Fact]
    public async Task Without_a_login_the_studio_sends_the_browser_to_the_login_page()
    {
        var anonymous = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var page = await anonymous.GetAsync("/studio");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/login?returnUrl=%2Fstudio", page.Headers.Location?.ToString());
    }

    [Fact]
    public async Task A_signed_in_user_without_the_designer_role_is_refused()
    {
        var frontDesk = await SignedIn("marco", "sportello");

        var page = await frontDesk.GetAsync("/studio");

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.DoesNotContain("studio-config", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_designer_gets_the_italian_host_page_pointing_at_this_hosts_elsa_api_with_a_designer_key()
    {
        var designer = await SignedIn("giulia", "progetta");

        var page = await designer.GetAsync("/studio");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"it\">", html);
        Assert.Contains("<title>CaseFlow · Progettazione dei procedimenti</title>", html);
        Assert.DoesNotContain("fonts.googleapis.com", html);
        Assert.Contains("elsa-workflow-definition-list", html);
        Assert.Contains("elsa-workflow-definition-editor", html);
        var config = await PageConfig(page);
        Assert.Equal("http://localhost/elsa/api", config.GetProperty("remoteEndpoint").GetString());
        Assert.Equal("Giulia Bianchi", config.GetProperty("user").GetString());

        var key = config.GetProperty("apiKey").GetString()!;
        var studio = fixture.App.CreateClient(key);
        using var me = JsonDocument.Parse(await studio.GetStringAsync("/auth/me"));
        Assert.Equal(["designer"], me.RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task An_admin_opening_the_studio_still_gets_a_key_with_the_designer_role_only_and_an_expiry()
    {
        var admin = await SignedIn("capo", "capo");

        var config = await PageConfig(await admin.GetAsync("/studio"));

        var studio = fixture.App.CreateClient(config.GetProperty("apiKey").GetString()!);
        Assert.Equal(HttpStatusCode.Forbidden, (await studio.GetAsync("/api/admin/api-keys")).StatusCode);
        await using var connection = new Npgsql.NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT roles, expires_at - created_at FROM api_keys WHERE owner = 'user:capo'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(["designer"], reader.GetFieldValue<string[]>(0));
        Assert.Equal(TimeSpan.FromHours(8), reader.GetFieldValue<TimeSpan>(1));
    }

    [Fact]
    public async Task Opening_the_studio_again_reuses_the_persons_key_instead_of_minting_one_per_page_view()
    {
        var designer = await SignedIn("giulia", "progetta");

        var first = await PageConfig(await designer.GetAsync("/studio"));
        var second = await PageConfig(await designer.GetAsync("/studio/"));

        Assert.Equal(first.GetProperty("apiKey").GetString(), second.GetProperty("apiKey").GetString());
    }

    [Theory]
    [InlineData("/studio/_framework/blazor.webassembly.js", "br", "text/javascript", "br")]
    [InlineData("/studio/_framework/blazor.webassembly.js", "gzip", "text/javascript", "gzip")]
    [InlineData("/studio/_framework/blazor.webassembly.js", "gzip, deflate, br, zstd", "text/javascript", "br")]
    [InlineData("/studio/_framework/blazor.webassembly.js", "br;q=0, gzip", "text/javascript", "gzip")]
    [InlineData("/studio/_framework/blazor.webassembly.js", null, "text/javascript", null)]
    [InlineData("/studio/_framework/icudt.oh1zvcfom8.dat", "br", "application/octet-stream", "br")]
    [InlineData("/studio/_framework/Elsa.Api.Client.mbze71icf3.wasm", "br, gzip", "application/wasm", "br")]
    [InlineData("/studio/_content/MudBlazor/MudBlazor.min.css", "gzip", "text/css", "gzip")]
    public async Task The_bundle_is_served_precompressed_as_the_browser_accepts_with_its_own_content_type(
        string path, string? acceptEncoding, string contentType, string? contentEncoding)
    {
        var client = fixture.App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(contentEncoding, response.Content.Headers.ContentEncoding.SingleOrDefault());
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
    }

    [Fact]
    public async Task Fingerprinted_files_are_cached_for_good_and_the_rest_revalidates()
    {
        var client = fixture.App.CreateClient();

        var fingerprinted = await client.GetAsync("/studio/_framework/dotnet.native.b6l13xorvf.js");
        var plain = await client.GetAsync("/studio/_framework/dotnet.js");

        Assert.Equal(CacheControlHeaderValue.Parse("public, max-age=31536000, immutable"), fingerprinted.Headers.CacheControl);
        Assert.True(plain.Headers.CacheControl?.NoCache);
        Assert.NotNull(plain.Headers.ETag);
    }

    [Fact]
    public async Task The_studios_appsettings_name_this_host_as_the_backend()
    {
        var settings = JsonDocument.Parse(await fixture.App.CreateClient().GetStringAsync("/studio/appsettings.json"));

        Assert.Equal("http://localhost/elsa/api", settings.RootElement.GetProperty("backend").GetProperty("url").GetString());
    }

    [GeneratedRegex("<script id=\"studio-config\" type=\"application/json\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ConfigScript();
}
