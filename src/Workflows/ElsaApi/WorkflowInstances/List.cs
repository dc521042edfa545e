using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Workflows.ElsaApi.WorkflowInstances;

/// <summary>POST /workflow-instances (the Studio's list, filter in the body) and GET /workflow-instances (the same filter as query parameters).</summary>
internal static class List
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/workflow-instances", (InstanceFilter? filter, InstanceReader reader, CancellationToken ct) => Handle(filter ?? new(), reader, ct))
            .WithName("ElsaListWorkflowInstances");
        api.MapGet("/workflow-instances", ([AsParameters] InstanceFilter filter, InstanceReader reader, CancellationToken ct) => Handle(filter, reader, ct))
            .WithName("ElsaQueryWorkflowInstances");
    }

    private static async Task<IResult> Handle(InstanceFilter filter, InstanceReader reader, CancellationToken ct)
    {
        var (items, total) = await reader.ListAsync(filter, ct);
        return ElsaJson.Ok(new PagedListResponse<InstanceSummary>([.. items.Select(InstanceJson.Summary)], total, []));
    }
}
