using CaseFlow.ServiceDefaults.Http;
using CaseFlow.Workflows.Definitions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Workflows.ElsaApi.WorkflowDefinitions;

/// <summary>GET /workflow-definitions: the definition list, version history and lookups by id of the Studio.</summary>
internal static class List
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/workflow-definitions", Handle).WithName("ElsaListWorkflowDefinitions");

    internal sealed record Query(
        string? VersionOptions, int? Page, int? PageSize, string[]? DefinitionIds, string[]? Ids, string? SearchTerm,
        bool? IsSystem, string? OrderBy, string? OrderDirection);

    private static async Task<IResult> Handle([AsParameters] Query query, DefinitionStore store, CancellationToken ct)
    {
        if (!Definitions.VersionOptions.TryParse(query.VersionOptions, out var versions))
        {
            return Problems.Validation("versionOptions", $"Unknown versionOptions '{query.VersionOptions}'.");
        }

        // As in Elsa, no selector means no version filter: the instance viewer looks up old versions by id this way.
        if (string.IsNullOrWhiteSpace(query.VersionOptions))
        {
            versions = Definitions.VersionOptions.AllVersions;
        }

        // CaseFlow has no system workflows: asking for them gives an empty page.
        var found = query.IsSystem == true ? [] : await store.ListAsync(versions, query.DefinitionIds, query.Ids, query.SearchTerm, ct);
        var ordered = Order(found, query.OrderBy, query.OrderDirection).ToList();
        var page = Paging.Page(ordered.Select(DefinitionJson.Summary), query.Page, query.PageSize);
        // The Studio's list is read-only unless it finds a bulk-publish link.
        Link[] links =
        [
            new($"{ElsaApiExtensions.RoutePrefix}/bulk-actions/publish/workflow-definitions/by-definition-ids", "bulk-publish", "POST"),
            new($"{ElsaApiExtensions.RoutePrefix}/bulk-actions/retract/workflow-definitions/by-definition-ids", "bulk-retract", "POST"),
        ];
        return ElsaJson.Ok(new PagedListResponse<DefinitionSummary>(page, ordered.Count, links));
    }

    private static IEnumerable<WorkflowDefinition> Order(IEnumerable<WorkflowDefinition> items, string? orderBy, string? direction)
    {
        var descending = string.Equals(direction, "Descending", StringComparison.OrdinalIgnoreCase);
        Func<WorkflowDefinition, IComparable> key = orderBy?.ToLowerInvariant() switch
        {
            "version" => d => d.Version,
            "created" or "createdat" => d => d.CreatedAt,
            _ => d => d.Name.ToLowerInvariant(),
        };
        return descending ? items.OrderByDescending(key) : items.OrderBy(key);
    }
}
