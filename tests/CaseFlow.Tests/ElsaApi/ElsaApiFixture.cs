using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CaseFlow.Tests.Infrastructure;

namespace CaseFlow.Tests.ElsaApi;

/// <summary>The host with two configured offices, and clients for each role (keys created through the admin API).</summary>
public class ElsaApiFixture : AppFixture
{
    public const string Api = "/elsa/api";

    private readonly ConcurrentDictionary<string, Lazy<Task<HttpClient>>> clients = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Workflows:Offices:0"] = "comune-servizi-sociali",
        ["Workflows:Offices:1"] = "asl-commissione",
    };

    public HttpClient Admin => App.CreateAdminClient();

    public Task<HttpClient> ClientAsync(string role) => clients.GetOrAdd(role, r => new Lazy<Task<HttpClient>>(async () =>
    {
        var created = await Admin.PostAsJsonAsync("/api/admin/api-keys", new { name = $"elsa-{r}", roles = new[] { r } });
        created.EnsureSuccessStatusCode();
        var key = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["key"]!.GetValue<string>();
        return App.CreateClient(key);
    })).Value;

    /// <summary>The Elsa 3 export in Samples/, under a fresh definition id so tests stay independent.</summary>
    public static JsonObject Sample(string? definitionId = null)
    {
        var model = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ElsaApi", "Samples", "elsa-exported.json")))!.AsObject();
        if (definitionId is not null)
        {
            model["definitionId"] = definitionId;
            model.Remove("id");
        }

        return model;
    }

    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}

/// <summary>Small JSON helpers over HttpClient: every call returns the status and the parsed body.</summary>
public static class ElsaHttp
{
    public sealed record Reply(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)
    {
        public JsonObject Json => Body as JsonObject ?? throw new InvalidOperationException($"Expected a JSON object, got {Status}: {Body?.ToJsonString()}");
    }

    public static Task<Reply> GetJsonAsync(this HttpClient client, string url) => SendAsync(client, HttpMethod.Get, url, null);

    public static Task<Reply> PostJsonAsync(this HttpClient client, string url, JsonNode? body) => SendAsync(client, HttpMethod.Post, url, body);

    public static Task<Reply> DeleteJsonAsync(this HttpClient client, string url) => SendAsync(client, HttpMethod.Delete, url, null);

    public static async Task<Reply> SendAsync(HttpClient client, HttpMethod method, string url, JsonNode? body)
    {
        using var request = new HttpRequestMessage(method, ElsaApiFixture.Api + url);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Reply(response.StatusCode, text.Length == 0 || !text.TrimStart().StartsWith('{') && !text.TrimStart().StartsWith('[') ? null : JsonNode.Parse(text), response);
    }

    /// <summary>Saves through the Studio's endpoint and returns the stored model.</summary>
    public static async Task<JsonObject> SaveAsync(this HttpClient client, JsonObject model, bool publish = true)
    {
        var reply = await client.PostJsonAsync("/workflow-definitions", new JsonObject { ["model"] = model.DeepClone(), ["publish"] = publish });
        Assert.True(reply.Status is HttpStatusCode.OK or HttpStatusCode.Created, $"{reply.Status}: {reply.Body?.ToJsonString()}");
        return reply.Json["workflowDefinition"]!.AsObject();
    }
}
