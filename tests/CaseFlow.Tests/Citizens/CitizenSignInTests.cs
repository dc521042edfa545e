using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace CaseFlow.Tests.Citizens;

/// <summary>Citizens sign in through the development OpenID Connect provider with the standard handler: code flow, PKCE, checked clients.</summary>
public class CitizenSignInTests(CitizenDeskFixture fixture) : IClassFixture<CitizenDeskFixture>
{
    [Fact]
    public async Task A_citizen_signs_in_with_the_authorization_code_and_PKCE_and_lands_where_the_service_page_sent_them()
    {
        var citizen = CitizenClient.For(fixture.App);

        var landed = await citizen.SignInAsync("mario", "/pratiche/QUALSIASI/rispondi");

        Assert.Equal("/pratiche/QUALSIASI/rispondi", landed);
        var query = QueryHelpers.ParseQuery(citizen.AuthorizeRequest!.Query);
        Assert.Equal("/dev-identity/connect/authorize", citizen.AuthorizeRequest.AbsolutePath);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.False(string.IsNullOrEmpty(query["code_challenge"]));
        Assert.Contains("openid", query["scope"].ToString());
        var area = await citizen.Client.GetStringAsync("/area-personale");
        Assert.Contains("Mario Rossi", area);
        Assert.Contains("RSSMRA80A01F205X", area);
    }

    [Fact]
    public async Task The_provider_publishes_its_discovery_document_with_its_path_as_issuer_and_PKCE()
    {
        var discovery = JsonNode.Parse(await fixture.App.CreateClient().GetStringAsync("/dev-identity/.well-known/openid-configuration"))!;

        Assert.Equal("http://localhost/dev-identity", discovery["issuer"]!.GetValue<string>().TrimEnd('/'));
        Assert.Contains("S256", discovery["code_challenge_methods_supported"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Single(JsonNode.Parse(await fixture.App.CreateClient().GetStringAsync("/dev-identity/.well-known/jwks"))!["keys"]!.AsArray());
    }

    [Fact]
    public async Task The_provider_never_sends_a_code_to_a_redirect_uri_off_its_own_host()
    {
        var citizen = CitizenClient.For(fixture.App);
        var start = await citizen.Client.GetAsync("/accedi?returnUrl=/area-personale");
        var authorize = start.Headers.Location!.ToString().Replace(Uri.EscapeDataString("http://localhost/accedi/callback"), Uri.EscapeDataString("https://evil.example/accedi/callback"));

        var answer = await citizen.Client.GetAsync(authorize);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.DoesNotContain("evil.example", answer.Headers.Location?.ToString() ?? "");
    }

    [Fact]
    public async Task The_token_endpoint_refuses_a_client_with_the_wrong_secret()
    {
        var answer = await fixture.App.CreateClient().PostAsync("/dev-identity/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = "x", ["redirect_uri"] = "http://localhost/accedi/callback",
            ["client_id"] = "caseflow-citizens", ["client_secret"] = "not-the-secret", ["code_verifier"] = new string('a', 43),
        }));

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Contains("invalid_client", await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_citizen_cookie_opens_no_operators_page_or_API_and_the_personal_area_asks_to_sign_in()
    {
        var anonymous = CitizenClient.For(fixture.App);
        var area = await anonymous.Client.GetAsync("/area-personale");
        Assert.Equal(HttpStatusCode.Redirect, area.StatusCode);
        Assert.StartsWith("/accedi", area.Headers.Location!.PathAndQuery);

        var citizen = CitizenClient.For(fixture.App);
        await citizen.SignInAsync("mario");
        var desk = await citizen.Client.GetAsync("/sportello");
        Assert.Equal(HttpStatusCode.Forbidden, desk.StatusCode);
        Assert.Contains("<html", await desk.Content.ReadAsStringAsync());
        var api = await citizen.Client.GetAsync("/api/cases?fiscalCode=RSSMRA80A01F205X");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        var home = await citizen.Client.GetAsync("/");
        Assert.Equal("/area-personale", home.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task Signing_out_ends_the_citizen_session()
    {
        var citizen = CitizenClient.For(fixture.App);
        await citizen.SignInAsync("luigi");
        var token = await citizen.TokenFromAsync("/area-personale");

        var answer = await citizen.Client.PostAsync("/area-personale/esci", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await citizen.Client.GetAsync("/area-personale")).StatusCode);
    }
}
