using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CaseFlow.Tests.Infrastructure;

namespace CaseFlow.Tests.Foundation;

public class ApiKeyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_request_without_a_key_is_refused_with_401()
    {
        var response = await fixture.App.CreateClient().GetAsync("/api/admin/api-keys");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_key_is_refused_with_401()
    {
        var response = await fixture.App.CreateClient("not-a-key").GetAsync("/api/admin/api-keys");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_bootstrap_admin_key_from_configuration_works_and_is_stored_only_as_a_hash()
    {
        var response = await fixture.App.CreateAdminClient().GetAsync("/api/admin/api-keys");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("bootstrap-admin", body);
        Assert.DoesNotContain(CaseFlowApp.AdminKey, body);

        await using var connection = new Npgsql.NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM api_keys WHERE key_hash = @k", connection);
        command.Parameters.AddWithValue("k", CaseFlowApp.AdminKey);
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_created_key_carries_its_roles_and_stops_working_once_revoked()
    {
        var admin = fixture.App.CreateAdminClient();
        var created = await admin.PostAsJsonAsync("/api/admin/api-keys", new { name = "studio", roles = new[] { "designer" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var key = body.RootElement.GetProperty("key").GetString()!;
        var id = body.RootElement.GetProperty("id").GetString()!;

        var designer = fixture.App.CreateClient(key);
        Assert.Equal(HttpStatusCode.Forbidden, (await designer.GetAsync("/api/admin/api-keys")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/admin/api-keys/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await designer.GetAsync("/api/admin/api-keys")).StatusCode);
    }

    [Theory]
    [InlineData("{\"name\":\"\",\"roles\":[\"designer\"]}", "name")]
    [InlineData("{\"name\":\"x\",\"roles\":[\"wizard\"]}", "roles")]
    [InlineData("{\"name\":\"x\",\"roles\":[]}", "roles")]
    public async Task Creating_a_key_with_bad_input_returns_a_problem_naming_the_field(string json, string field)
    {
        var response = await fixture.App.CreateAdminClient().PostAsync("/api/admin/api-keys",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task The_openapi_document_and_the_reference_page_are_served()
    {
        var client = fixture.App.CreateClient();
        var document = await client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("CaseFlow API", document);
        Assert.Contains("/api/admin/api-keys", document);

        var page = await client.GetAsync("/api-docs/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("text/html", page.Content.Headers.ContentType?.ToString());
    }
}
