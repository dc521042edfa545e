using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CaseFlow.Tests.Infrastructure;
using CaseFlow.Workflows.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using static CaseFlow.Tests.Workflows.Def;

namespace CaseFlow.Tests.Workflows;

/// <summary>Hosts that may call 127.0.0.1 only, with short timeouts and retry delays, and no Hangfire server (the tests sweep).</summary>
public class HttpRuntimeFixture : RuntimeFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Jobs:RunServer"] = "false",
        ["Workflows:Http:AllowedHosts:0"] = "127.0.0.1",
        ["Workflows:Http:Timeout"] = "00:00:03", // generous: a loaded machine must not turn a quick answer into a timeout and a retry
        ["Workflows:Http:MaxAttempts"] = "3",
        ["Workflows:Http:RetryDelay"] = "00:00:00.100",
    };
}

/// <summary>
/// Elsa's FlowSendHttpRequest against a real server on loopback, stated as Elsa states it: the outcome is the expected
/// status code (or Unmatched status code) and Done, with statusCode and parsedContent; Failed to connect and Timeout once
/// the retries are spent. Only allowed hosts are called, and the request is sent outside the instance's transaction.
/// </summary>
public class HttpRequestTests(HttpRuntimeFixture fixture) : IClassFixture<HttpRuntimeFixture>, IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, int> calls = new();
    private WebApplication? server;
    private string baseUrl = "";

    public async Task InitializeAsync()
    {
        var port = HostProcess.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        server = builder.Build();
        server.MapPost("/inps/pagamenti", async (HttpRequest request) =>
        {
            calls.AddOrUpdate("pagamenti", 1, (_, n) => n + 1);
            var body = await JsonNode.ParseAsync(request.Body);
            return Results.Json(new { esito = "pagato", pratica = body!["pratica"]!.GetValue<string>(), auth = request.Headers.Authorization.ToString() });
        });
        server.MapGet("/instabile", () => calls.AddOrUpdate("instabile", 1, (_, n) => n + 1) < 3 ? Results.StatusCode(503) : Results.Text("ok alla terza"));
        server.MapGet("/lento", async () =>
        {
            calls.AddOrUpdate("lento", 1, (_, n) => n + 1);
            await Task.Delay(TimeSpan.FromSeconds(8));
            return Results.Ok();
        });
        server.MapGet("/mancante", () => Results.NotFound());
        await server.StartAsync();
        baseUrl = $"http://127.0.0.1:{port}";
    }

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.StopAsync();
            await server.DisposeAsync();
        }
    }

    private static JsonObject Bound(string variable) => new() { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = variable } };

    private static JsonObject Request(string url, string method = "GET", string? expected = null, params (string, JsonNode?)[] more) =>
        Activity("call", "Elsa.FlowSendHttpRequest", [("url", Literal(url, "Uri")), ("method", Literal(method)), ("statusCode", Bound("Stato")),
            ("parsedContent", Bound("Risposta")), .. expected is null ? [] : new[] { ("expectedStatusCodes", Expression("Literal", expected, "Int32[]")) }, .. more]);

    private static JsonObject Calling(JsonObject call, params string[] ports) => Flowchart("http",
        [Start(), call, .. ports.Select(p => SetVariable($"on-{p.Replace(' ', '-')}", "Uscita", Literal(p)))],
        [("start", "Done", "call"), .. ports.Select(p => ("call", p, $"on-{p.Replace(' ', '-')}"))], "Stato", "Risposta", "Uscita");

    /// <summary>Sweeps (as the recurring job would) until the instance is no longer waiting, or time runs out.</summary>
    private async Task<(string SubStatus, JsonObject Variables)> SweptAsync(string instanceId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && await fixture.ScalarAsync<long>("SELECT count(*) FROM workflow_http_requests WHERE instance_id = @id", ("id", instanceId)) > 0)
        {
            await fixture.Sweeper.SweepAsync(CancellationToken.None);
            await Task.Delay(50);
        }

        var variables = JsonNode.Parse((await fixture.ScalarAsync<string>("SELECT state->'variables' FROM workflow_instances WHERE id = @id", ("id", instanceId)))!)!.AsObject();
        return ((await fixture.ScalarAsync<string>("SELECT sub_status FROM workflow_instances WHERE id = @id", ("id", instanceId)))!, variables);
    }

    [Fact]
    public async Task A_request_to_an_allowed_host_waits_is_sent_by_the_sweep_and_continues_on_the_expected_status_code_with_the_parsed_content()
    {
        var instance = await fixture.RunAsync(Calling(Request($"{baseUrl}/inps/pagamenti", "POST", "[200]",
            ("content", Expression("Object", "{\"pratica\": \"P-42\"}")), ("contentType", Literal("application/json")), ("authorization", Literal("Bearer segreto"))),
            "200", "Unmatched status code"));

        // Nothing is sent inside the step: the instance waits on the request.
        Assert.Equal(WorkflowSubStatus.Suspended, instance.SubStatus);
        Assert.Equal("http-request", Assert.Single(instance.Bookmarks).Kind);
        Assert.False(calls.ContainsKey("pagamenti"));

        var (subStatus, variables) = await SweptAsync(instance.Id);

        Assert.Equal(WorkflowSubStatus.Finished, subStatus);
        Assert.Equal(200, variables["Stato"]!.GetValue<int>());
        Assert.Equal("200", variables["Uscita"]!.GetValue<string>());
        Assert.Equal("pagato", variables["Risposta"]!["esito"]!.GetValue<string>());
        Assert.Equal("P-42", variables["Risposta"]!["pratica"]!.GetValue<string>());
        Assert.Equal("Bearer segreto", variables["Risposta"]!["auth"]!.GetValue<string>());
        Assert.Equal(1, calls["pagamenti"]);
        Assert.Equal("200,Done", await fixture.ScalarAsync<string>(
            "SELECT array_to_string(outcomes, ',') FROM workflow_journal WHERE instance_id = @id AND activity_id = 'call' AND event_name = 'Completed'", ("id", instance.Id)));
    }

    [Fact]
    public async Task A_status_code_not_expected_goes_out_of_Unmatched_status_code()
    {
        var instance = await fixture.RunAsync(Calling(Request($"{baseUrl}/mancante", expected: "[200]"), "200", "Unmatched status code"));

        var (subStatus, variables) = await SweptAsync(instance.Id);

        Assert.Equal(WorkflowSubStatus.Finished, subStatus);
        Assert.Equal(404, variables["Stato"]!.GetValue<int>());
        Assert.Equal("Unmatched status code", variables["Uscita"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_transient_failure_is_retried_with_back_off_and_the_third_attempt_answers()
    {
        var instance = await fixture.RunAsync(Calling(Request($"{baseUrl}/instabile"), "200", "Unmatched status code"));

        var (subStatus, variables) = await SweptAsync(instance.Id);

        Assert.Equal(WorkflowSubStatus.Finished, subStatus);
        Assert.Equal(3, calls["instabile"]);
        Assert.Equal("200", variables["Uscita"]!.GetValue<string>());
        Assert.Equal("ok alla terza", variables["Risposta"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_server_slower_than_the_timeout_ends_on_Timeout_once_every_attempt_has_timed_out()
    {
        var instance = await fixture.RunAsync(Calling(Request($"{baseUrl}/lento"), "200", "Timeout"));

        var (subStatus, variables) = await SweptAsync(instance.Id);

        Assert.Equal(WorkflowSubStatus.Finished, subStatus);
        Assert.Equal("Timeout", variables["Uscita"]!.GetValue<string>());
        Assert.Equal(3, calls["lento"]);
    }

    [Fact]
    public async Task Nothing_listening_ends_on_Failed_to_connect()
    {
        var instance = await fixture.RunAsync(Calling(Request($"http://127.0.0.1:{HostProcess.FreePort()}/nessuno"), "200", "Failed to connect"));

        var (subStatus, variables) = await SweptAsync(instance.Id);

        Assert.Equal(WorkflowSubStatus.Finished, subStatus);
        Assert.Equal("Failed to connect", variables["Uscita"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_host_not_on_the_allow_list_faults_the_activity_with_an_incident_naming_it_and_nothing_is_sent()
    {
        var instance = await fixture.RunAsync(Calling(Request("http://localhost:9/segreti"), "200"));

        Assert.Equal(WorkflowSubStatus.Faulted, instance.SubStatus);
        Assert.Empty(instance.Bookmarks);
        Assert.Contains("'localhost' is not among Workflows:Http:AllowedHosts",
            await fixture.ScalarAsync<string>("SELECT message FROM workflow_incidents WHERE instance_id = @id", ("id", instance.Id)));
        Assert.Equal(0L, await fixture.ScalarAsync<long>("SELECT count(*) FROM workflow_http_requests WHERE instance_id = @id", ("id", instance.Id)));
    }
}
