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
        InstanceCursor? after = null;
        if (filter.After is { Length: > 0 } text)
        {
            if (!filter.IsDefaultOrder)
            {
                return Problems.Validation("after", "Il cursore scorre solo l'ordine predefinito (dal più recente) / The cursor follows the default order only (newest first).");
            }

            if (!InstanceCursor.TryRead(text, out after))
            {
                return Problems.Validation("after", "Cursore non valido: usare X-Next-Cursor della pagina precedente / Invalid cursor: use the previous page's X-Next-Cursor.");
            }
        }

        var (items, total, next) = await reader.ListAsync(filter, after, ct);
        if (next?.Write() is { } cursor)
        {
            http.Response.Headers.Append("X-Next-Cursor", cursor);
            if (HttpMethods.IsGet(http.Request.Method))
            {
                var query = QueryString.Create(http.Request.Query.Where(q => !q.Key.Equals("after", StringComparison.OrdinalIgnoreCase))
                    .SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v)))
                    .Append(KeyValuePair.Create("after", (string?)cursor)));
                http.Response.Headers.Append("Link", $"<{http.Request.PathBase}{http.Request.Path}{query}>; rel=\"next\"");
            }
        }

        return ElsaJson.Ok(new PagedListResponse<InstanceSummary>([.. items.Select(InstanceJson.Summary)], total, []));
    }
}
