using CaseFlow.ServiceDefaults.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Workflows.ElsaApi.WorkflowInstances;

/// <summary>POST /workflow-instances (the Studio's list, filter in the body) and GET /workflow-instances (the same filter as query parameters).</summary>
internal static class List
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/workflow-instances", (InstanceFilter? filter, InstanceReader reader, HttpContext http, CancellationToken ct) => Handle(filter ?? new(), reader, http, ct))
            .WithName("ElsaListWorkflowInstances");
        api.MapGet("/workflow-instances", ([AsParameters] InstanceFilter filter, InstanceReader reader, HttpContext http, CancellationToken ct) => Handle(filter, reader, http, ct))
            .WithName("ElsaQueryWorkflowInstances");
    }

    private static async Task<IResult> Handle(InstanceFilter filter, InstanceReader reader, HttpContext http, CancellationToken ct)
    {
        (DateTimeOffset At, string Id)? after = null;
        if (filter.After is { Length: > 0 } text)
        {
            if (!filter.IsDefaultOrder)
            {
                return Problems.Validation("after", "Il cursore scorre solo l'ordine predefinito (dal più recente) / The cursor follows the default order only (newest first).");
            }

            if (!KeysetCursor.TryRead(text, out var at, out var id))
            {
                return Problems.Validation("after", "Cursore non valido: usare X-Next-Cursor della pagina precedente / Invalid cursor: use the previous page's X-Next-Cursor.");
            }

            after = (at, id);
        }

        var (items, total, next) = await reader.ListAsync(filter, after, ct);
        KeysetCursor.AddNextLink(http, next is { } last ? KeysetCursor.Write(last.At, last.Id) : null);
        return ElsaJson.Ok(new PagedListResponse<InstanceSummary>([.. items.Select(InstanceJson.Summary)], total, []));
    }
}
