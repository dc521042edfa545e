using System.Security.Claims;
using CaseFlow.ServiceDefaults.Http;
using CaseFlow.Workflows.ElsaApi.Protection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Workflows.ElsaApi.WorkflowInstances;

/// <summary>
/// GET /workflow-instances/{id} (WorkflowInstance with its workflowState; a case instance is redacted for designers)
/// and GET …/{id}/execution-state (what the viewer polls).
/// </summary>
internal static class Get
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/workflow-instances/{id}", Handle).WithName("ElsaGetWorkflowInstance");
        api.MapGet("/workflow-instances/{id}/execution-state", ExecutionState).WithName("ElsaGetWorkflowInstanceExecutionState");
    }

    internal sealed record ExecutionStateResponse(string Id, string Status, string SubStatus, DateTimeOffset UpdatedAt);

    private static async Task<IResult> Handle(string id, ClaimsPrincipal user, InstanceGuard guard, InstanceReader reader, CancellationToken ct)
    {
        var instance = await reader.FindAsync(id, ct);
        if (instance is null)
        {
            return Problems.NotFound("id", $"No workflow instance '{id}'.");
        }

        var json = InstanceJson.Instance(instance, await reader.BookmarksAsync(id, ct), await reader.IncidentsAsync(id, ct));
        return ElsaJson.Ok(await guard.RedactAsync(user, id, ct) ? Redaction.Instance(json) : json);
    }

    private static async Task<IResult> ExecutionState(string id, InstanceReader reader, CancellationToken ct) =>
        await reader.FindAsync(id, ct) is { } i
            ? ElsaJson.Ok(new ExecutionStateResponse(i.Id, i.Status, i.SubStatus, i.UpdatedAt))
            : Problems.NotFound("id", $"No workflow instance '{id}'.");
}
