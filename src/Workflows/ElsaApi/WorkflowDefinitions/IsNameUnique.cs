using CaseFlow.Workflows.Definitions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Workflows.ElsaApi.WorkflowDefinitions;

/// <summary>GET /workflow-definitions/validation/is-name-unique?name=&amp;definitionId=: the "new workflow" dialog's check.</summary>
internal static class IsNameUnique
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/workflow-definitions/validation/is-name-unique", Handle).WithName("ElsaIsWorkflowDefinitionNameUnique");

    internal sealed record Response(bool IsUnique);

    private static async Task<IResult> Handle(string? name, string? definitionId, DefinitionStore store, CancellationToken ct)
    {
        var trimmed = name?.Trim() ?? "";
        var latest = await store.ListAsync(VersionOptions.Latest, null, null, null, ct);
        var taken = latest.Any(d => d.DefinitionId != definitionId && string.Equals(d.Name.Trim(), trimmed, StringComparison.OrdinalIgnoreCase));
        return ElsaJson.Ok(new Response(!taken));
    }
}
