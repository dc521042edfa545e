using System.Text.Json.Nodes;
using CaseFlow.ServiceDefaults.Http;
using CaseFlow.Workflows.Definitions;
using CaseFlow.Workflows.ElsaApi.WorkflowInstances;
using CaseFlow.Workflows.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Workflows.ElsaApi.WorkflowDefinitions;

/// <summary>
/// POST /workflow-definitions/{definitionId}/execute <c>{correlationId, triggerActivityId, versionOptions, input}</c>:
/// starts an instance and runs it in the request until it finishes or waits; answers <c>{workflowState}</c> with the
/// instance id in <c>x-elsa-workflow-instance-id</c>. Unlike Elsa, a faulted run is a 200 too (the state says
/// Faulted): the Studio retries 5xx answers, and each retry would start another instance.
/// </summary>
internal static class Execute
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/workflow-definitions/{definitionId}/execute", Handle).WithName("ElsaExecuteWorkflowDefinition");
        // Elsa serves GET too (input as ?input=<json>, like its resume by token), so a link or a browser can run a workflow.
        api.MapGet("/workflow-definitions/{definitionId}/execute", HandleGet).WithName("ElsaExecuteWorkflowDefinitionGet");
    }

    internal sealed record Request(string? CorrelationId, string? TriggerActivityId, string? VersionOptions, JsonObject? Input, string? Name);

    internal sealed record Response(JsonObject WorkflowState);

    private static async Task<IResult> HandleGet(
        string definitionId, string? correlationId, string? triggerActivityId, string? versionOptions, string? input, string? name,
        HttpContext http, WorkflowRuntime runtime, InstanceReader reader, CancellationToken ct)
    {
        JsonObject? parsed = null;
        if (!string.IsNullOrWhiteSpace(input))
        {
            try
            {
                parsed = JsonNode.Parse(input) as JsonObject ?? throw new System.Text.Json.JsonException("not an object");
            }
            catch (System.Text.Json.JsonException)
            {
                return Problems.Validation("input", "The input must be a JSON object.");
            }
        }

        return await Handle(definitionId, new Request(correlationId, triggerActivityId, versionOptions, parsed, name), http, runtime, reader, ct);
    }

    private static async Task<IResult> Handle(string definitionId, Request? request, HttpContext http, WorkflowRuntime runtime, InstanceReader reader, CancellationToken ct)
    {
        request ??= new Request(null, null, null, null, null);
        var snapshot = await StartAsync(definitionId, request.VersionOptions, request.Input, request.CorrelationId, request.Name, runtime, ct);
        if (snapshot.Result is not null)
        {
            return snapshot.Result;
        }

        var id = snapshot.Snapshot!.Id;
        http.Response.Headers[RunEndpoints.InstanceIdHeader] = id;
        http.Response.Headers["x-elsa-response"] = "true";
        var instance = (await reader.FindAsync(id, ct))!;
        return ElsaJson.Ok(new Response(InstanceJson.State(instance, await reader.BookmarksAsync(id, ct), await reader.IncidentsAsync(id, ct))));
    }

    /// <summary>Shared with dispatch: the version selector defaults to Published, as in Elsa.</summary>
    internal static async Task<(InstanceSnapshot? Snapshot, IResult? Result)> StartAsync(
        string definitionId, string? versionOptions, JsonObject? input, string? correlationId, string? name, WorkflowRuntime runtime, CancellationToken ct)
    {
        if (!VersionOptions.TryParse(versionOptions, out var versions))
        {
            return (null, Problems.Validation("versionOptions", $"Unknown versionOptions '{versionOptions}'."));
        }

        var version = string.IsNullOrWhiteSpace(versionOptions) ? VersionOptions.Published : versions;
        var snapshot = await runtime.StartAsync(new StartWorkflow(definitionId, version, input, correlationId, name), ct);
        return (snapshot, null);
    }
}
