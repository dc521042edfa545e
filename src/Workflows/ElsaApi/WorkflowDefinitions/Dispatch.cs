using System.Text.Json.Nodes;
using CaseFlow.Workflows.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Workflows.ElsaApi.WorkflowDefinitions;

/// <summary>
/// POST /workflow-definitions/{definitionId}/dispatch → <c>{workflowInstanceId}</c>. CaseFlow runs the first step
/// synchronously in the request (a step ends at the first wait and is one transaction, so it is short); the instance id
/// is therefore real and already committed when the answer arrives.
/// </summary>
internal static class Dispatch
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/workflow-definitions/{definitionId}/dispatch", Handle).WithName("ElsaDispatchWorkflowDefinition");

    internal sealed record Request(string? CorrelationId, string? TriggerActivityId, string? VersionOptions, JsonObject? Input, string? InstanceName);

    internal sealed record Response(string WorkflowInstanceId);

    private static async Task<IResult> Handle(string definitionId, Request? request, HttpContext http, WorkflowRuntime runtime, CancellationToken ct)
    {
        request ??= new Request(null, null, null, null, null);
        var (snapshot, error) = await Execute.StartAsync(definitionId, request.VersionOptions, request.Input, request.CorrelationId, request.InstanceName, runtime, ct);
        if (error is not null)
        {
            return error;
        }

        http.Response.Headers[RunEndpoints.InstanceIdHeader] = snapshot!.Id;
        return ElsaJson.Ok(new Response(snapshot.Id));
    }
}
