using System.Security.Claims;
using CaseFlow.Workflows.ElsaApi.Protection;
using CaseFlow.Workflows.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Workflows.ElsaApi.Alterations;

/// <summary>GET or POST /alterations/workflows/retry <c>{workflowInstanceIds}</c>: Elsa's shortcut that retries faulted instances.</summary>
internal static class RetryWorkflows
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/alterations/workflows/retry", (Request request, ClaimsPrincipal user, InstanceGuard guard, WorkflowRuntime runtime, TimeProvider clock, CancellationToken ct) =>
            Handle(request.WorkflowInstanceIds, user, guard, runtime, clock, ct)).WithName("ElsaRetryWorkflows");
        api.MapGet("/alterations/workflows/retry", (string[]? workflowInstanceIds, ClaimsPrincipal user, InstanceGuard guard, WorkflowRuntime runtime, TimeProvider clock,
            CancellationToken ct) => Handle(workflowInstanceIds, user, guard, runtime, clock, ct)).WithName("ElsaRetryWorkflowsByQuery");
    }

    internal sealed record Request(string[]? WorkflowInstanceIds, string[]? ActivityIds);

    private static async Task<IResult> Handle(string[]? ids, ClaimsPrincipal user, InstanceGuard guard, WorkflowRuntime runtime, TimeProvider clock, CancellationToken ct)
    {
        var results = new List<AlterationResult>();
        var refused = await guard.RefusedAsync(user, ids ?? [], ct);
        foreach (var id in ids ?? [])
        {
            var result = new AlterationResult(id, []);
            results.Add(result);
            if (refused.Contains(id))
            {
                result.Add("Error", InstanceGuard.RefusalMessage(id), clock.GetUtcNow());
                continue;
            }

            try
            {
                await runtime.RetryAsync(id, ct);
                result.Add("Information", "Faulted activities scheduled again and run.", clock.GetUtcNow());
            }
            catch (Exception ex) when (ex is WorkflowNotFoundException or InstanceStateConflictException)
            {
                result.Add("Error", ex.Message, clock.GetUtcNow());
            }
        }

        return ElsaJson.Ok(new AlterationsResponse(results));
    }
}
