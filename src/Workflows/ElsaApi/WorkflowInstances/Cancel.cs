using System.Security.Claims;
using CaseFlow.Workflows.ElsaApi.Protection;
using CaseFlow.Workflows.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Workflows.ElsaApi.WorkflowInstances;

/// <summary>
/// Elsa's POST /cancel/workflow-instances/{id} (200, empty) and POST /bulk-actions/cancel/workflow-instances
/// <c>{ids}</c> → <c>{cancelledCount}</c>; beside them CaseFlow's POST /workflow-instances/{id}/cancel answers the snapshot.
/// Cancelling a finished instance is a 409; a designer cancelling an instance that carries a case is a 403 (bulk: skipped).
/// </summary>
internal static class Cancel
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/cancel/workflow-instances/{id}", async (string id, ClaimsPrincipal user, InstanceGuard guard, WorkflowRuntime runtime, CancellationToken ct) =>
        {
            if (await guard.RefuseAsync(user, id, ct) is { } refused)
            {
                return refused;
            }

            await runtime.CancelAsync(id, ct);
            return Results.Ok();
        }).WithName("ElsaCancelWorkflowInstance");
        api.MapPost("/workflow-instances/{id}/cancel", async (string id, ClaimsPrincipal user, InstanceGuard guard, WorkflowRuntime runtime, CancellationToken ct) =>
            await guard.RefuseAsync(user, id, ct) ?? ElsaJson.Ok(await runtime.CancelAsync(id, ct))).WithName("CaseFlowCancelWorkflowInstance");
        api.MapPost("/bulk-actions/cancel/workflow-instances", Bulk).WithName("ElsaBulkCancelWorkflowInstances");
    }

    internal sealed record BulkRequest(string[]? Ids);

    internal sealed record BulkResponse(int CancelledCount);

    private static async Task<IResult> Bulk(BulkRequest request, ClaimsPrincipal user, InstanceGuard guard, WorkflowRuntime runtime, CancellationToken ct)
    {
        var cancelled = 0;
        var ids = request.Ids ?? [];
        var refused = await guard.RefusedAsync(user, ids, ct);
        foreach (var id in ids.Where(i => !refused.Contains(i)))
        {
            try
            {
                await runtime.CancelAsync(id, ct);
                cancelled++;
            }
            catch (Exception ex) when (ex is WorkflowNotFoundException or InstanceStateConflictException)
            {
                // Bulk cancel skips instances that are gone or already over, as Elsa's does.
            }
        }

        return ElsaJson.Ok(new BulkResponse(cancelled));
    }
}
