using System.Net;
using System.Text.Json.Nodes;

namespace CaseFlow.Tests.ElsaApi;

public class AuthorizationTests(ElsaApiFixture fixture) : IClassFixture<ElsaApiFixture>
{
    [Theory]
    [InlineData("GET", "/workflow-definitions")]
    [InlineData("GET", "/descriptors/activities")]
    [InlineData("POST", "/workflow-instances")]
    [InlineData("POST", "/workflow-definitions/x/execute")]
    public async Task Without_a_key_every_endpoint_answers_401(string method, string url)
    {
        var reply = await ElsaHttp.SendAsync(fixture.App.CreateClient(), new HttpMethod(method), url, method == "POST" ? new JsonObject() : null);
        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
    }

    [Theory]
    [InlineData("frontdesk", "GET", "/workflow-definitions", HttpStatusCode.Forbidden)]
    [InlineData("officer", "GET", "/descriptors/activities", HttpStatusCode.Forbidden)]
    [InlineData("supervisor", "GET", "/workflow-definitions", HttpStatusCode.Forbidden)]
    [InlineData("supervisor", "POST", "/workflow-instances", HttpStatusCode.OK)]
    [InlineData("supervisor", "POST", "/workflow-definitions/x/execute", HttpStatusCode.Forbidden)]
    [InlineData("frontdesk", "POST", "/workflow-instances", HttpStatusCode.Forbidden)]
    [InlineData("designer", "GET", "/workflow-definitions", HttpStatusCode.OK)]
    [InlineData("designer", "POST", "/workflow-instances", HttpStatusCode.OK)]
    [InlineData("designer", "POST", "/workflow-definitions/non-esiste/execute", HttpStatusCode.NotFound)]
    public async Task Roles_decide_who_designs_who_watches_and_who_runs(string role, string method, string url, HttpStatusCode expected)
    {
        var client = await fixture.ClientAsync(role);
        var reply = await ElsaHttp.SendAsync(client, new HttpMethod(method), url, method == "POST" ? new JsonObject() : null);
        Assert.Equal(expected, reply.Status);
    }

    [Fact]
    public async Task A_Studio_preflight_is_answered_without_a_key_and_exposes_the_instance_id_header()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, $"{ElsaApiFixture.Api}/workflow-definitions/x/execute");
        preflight.Headers.Add("Origin", "http://localhost:5080");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");

        var response = await fixture.App.CreateClient().SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("http://localhost:5080", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("authorization", string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant());

        using var get = new HttpRequestMessage(HttpMethod.Get, $"{ElsaApiFixture.Api}/features/installed");
        get.Headers.Add("Origin", "http://localhost:5080");
        var actual = await fixture.Admin.SendAsync(get);
        Assert.Contains("x-elsa-workflow-instance-id", string.Join(",", actual.Headers.GetValues("Access-Control-Expose-Headers")));
    }
}
