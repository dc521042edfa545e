using CaseFlow.Workflows.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Workflows.ElsaApi.WorkflowInstances;

/// <summary>CaseFlow's POST /workflow-instances/{id}/retry: reruns the faulted activities; 409 when the instance is not faulted.</summary>
internal static class Retry
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/workflow-instances/{id}/retry", async (string id, WorkflowRuntime runtime, CancellationToken ct) =>
            ElsaJson.Ok(await runtime.RetryAsync(id, ct))).WithName("CaseFlowRetryWorkflowInstance");
}
