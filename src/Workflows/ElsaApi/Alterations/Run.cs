using System.Security.Claims;
using System.Text.Json.Nodes;
using CaseFlow.ServiceDefaults.Http;
using CaseFlow.Workflows.ElsaApi.Protection;
using CaseFlow.Workflows.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Workflows.ElsaApi.Alterations;

/// <summary>
/// POST /alterations/run <c>{alterations: [{type, …}], workflowInstanceIds}</c>, applied at once (no plan queue).
/// Supported: <c>ScheduleActivity</c> — on a faulted instance, retries its faulted activities (CaseFlow reruns what
/// faulted; it cannot jump to an arbitrary activity) — and <c>ModifyVariable</c> <c>{variableId, value}</c>. A designer's
/// alterations of an instance that carries a case are refused (an error entry in its log, nothing applied).
/// </summary>
internal static class Run
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/alterations/run", Handle).WithName("ElsaRunAlterations");

    internal sealed record Request(JsonObject[]? Alterations, string[]? WorkflowInstanceIds);

    private static async Task<IResult> Handle(Request request, ClaimsPrincipal user, InstanceGuard guard, WorkflowRuntime runtime, VariableEditor variables, TimeProvider clock,
        CancellationToken ct)
    {
        var alterations = request.Alterations ?? [];
        var unknown = alterations.Select(a => TypeOf(a)).FirstOrDefault(t => t is not ("ScheduleActivity" or "ModifyVariable"));
        if (alterations.Length == 0 || unknown is not null)
        {
            return Problems.Validation("alterations", $"Give one or more alterations of type ScheduleActivity or ModifyVariable{(unknown is null ? "" : $"; '{unknown}' is not supported")}.");
        }

        var results = new List<AlterationResult>();
        var refused = await guard.RefusedAsync(user, request.WorkflowInstanceIds ?? [], ct);
        foreach (var instanceId in request.WorkflowInstanceIds ?? [])
        {
            var result = new AlterationResult(instanceId, []);
            results.Add(result);
            if (refused.Contains(instanceId))
            {
                result.Add("Error", InstanceGuard.RefusalMessage(instanceId), clock.GetUtcNow());
                continue;
            }

            var retried = false;
            foreach (var alteration in alterations)
            {
                try
                {
                    if (TypeOf(alteration) == "ModifyVariable")
                    {
                        var name = await variables.SetAsync(instanceId, alteration["variableId"]?.ToString() ?? "", alteration["value"]?.DeepClone(), ct);
                        result.Add("Information", $"Variable '{name}' set.", clock.GetUtcNow());
                    }
                    else if (!retried)
                    {
                        await runtime.RetryAsync(instanceId, ct);
                        retried = true;
                        result.Add("Information", "Faulted activities scheduled again and run.", clock.GetUtcNow());
                    }
                }
                catch (Exception ex) when (ex is WorkflowNotFoundException or InstanceStateConflictException or ArgumentException)
                {
                    result.Add("Error", ex.Message, clock.GetUtcNow());
                }
            }
        }

        return ElsaJson.Ok(new AlterationsResponse(results));
    }

    // Elsa writes the alteration's short type name ("ScheduleActivity"); tolerate a qualified one.
    private static string? TypeOf(JsonObject alteration) =>
        (alteration["type"] ?? alteration["$type"])?.ToString().Split(',')[0].Split('.')[^1].Trim();
}
