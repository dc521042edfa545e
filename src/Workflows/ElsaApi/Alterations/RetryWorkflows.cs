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
        api.MapPost("/alterations/workflows/retry", (Request request, WorkflowRuntime runtime, TimeProvider clock, CancellationToken ct) =>
            Handle(request.WorkflowInstanceIds, runtime, clock, ct)).WithName("ElsaRetryWorkflows");
        api.MapGet("/alterations/workflows/retry", (string[]? workflowInstanceIds, WorkflowRuntime runtime, TimeProvider clock, CancellationToken ct) =>
            Handle(workflowInstanceIds, runtime, clock, ct)).WithName("ElsaRetryWorkflowsByQuery");
    }

    internal sealed record Request(string[]? WorkflowInstanceIds, string[]? ActivityIds);

    private static async Task<IResult> Handle(string[]? ids, WorkflowRuntime runtime, TimeProvider clock, CancellationToken ct)
    {
        var results = new List<AlterationResult>();
        foreach (var id in ids ?? [])
        {
            var result = new AlterationResult(id, []);
            results.Add(result);
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
