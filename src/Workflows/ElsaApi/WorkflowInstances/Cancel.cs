using CaseFlow.Workflows.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Workflows.ElsaApi.WorkflowInstances;

/// <summary>
/// Elsa's POST /cancel/workflow-instances/{id} (200, empty) and POST /bulk-actions/cancel/workflow-instances
/// <c>{ids}</c> → <c>{cancelledCount}</c>; beside them CaseFlow's POST /workflow-instances/{id}/cancel answers the snapshot.
/// Cancelling a finished instance is a 409.
/// </summary>
internal static class Cancel
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/cancel/workflow-instances/{id}", async (string id, WorkflowRuntime runtime, CancellationToken ct) =>
        {
            await runtime.CancelAsync(id, ct);
            return Results.Ok();
        }).WithName("ElsaCancelWorkflowInstance");
        api.MapPost("/workflow-instances/{id}/cancel", async (string id, WorkflowRuntime runtime, CancellationToken ct) =>
            ElsaJson.Ok(await runtime.CancelAsync(id, ct))).WithName("CaseFlowCancelWorkflowInstance");
        api.MapPost("/bulk-actions/cancel/workflow-instances", Bulk).WithName("ElsaBulkCancelWorkflowInstances");
    }

    internal sealed record BulkRequest(string[]? Ids);

    internal sealed record BulkResponse(int CancelledCount);

    private static async Task<IResult> Bulk(BulkRequest request, WorkflowRuntime runtime, CancellationToken ct)
    {
        var cancelled = 0;
        foreach (var id in request.Ids ?? [])
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
