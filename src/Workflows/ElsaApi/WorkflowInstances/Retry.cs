using System.Security.Claims;
using CaseFlow.Workflows.ElsaApi.Protection;
using CaseFlow.Workflows.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Workflows.ElsaApi.WorkflowInstances;

/// <summary>
/// CaseFlow's POST /workflow-instances/{id}/retry: reruns the faulted activities; 409 when the instance is not faulted,
/// 403 for a designer on an instance that carries a case (an admin retries those).
/// </summary>
internal static class Retry
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/workflow-instances/{id}/retry", async (string id, ClaimsPrincipal user, InstanceGuard guard, WorkflowRuntime runtime, CancellationToken ct) =>
            await guard.RefuseAsync(user, id, ct) ?? ElsaJson.Ok(await runtime.RetryAsync(id, ct))).WithName("CaseFlowRetryWorkflowInstance");
}
