using CaseFlow.ServiceDefaults.Http;
using CaseFlow.Workflows.Definitions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Workflows.ElsaApi.WorkflowDefinitions;

/// <summary>One version as a WorkflowDefinitionModel: by definition id and version selector (the editor), or by version id (the instance viewer).</summary>
internal static class Get
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/workflow-definitions/by-definition-id/{definitionId}", ByDefinitionId).WithName("ElsaGetWorkflowDefinitionByDefinitionId");
        api.MapGet("/workflow-definitions/by-id/{id}", ById).WithName("ElsaGetWorkflowDefinitionById");
    }

    private static async Task<IResult> ByDefinitionId(string definitionId, string? versionOptions, DefinitionStore store, CancellationToken ct)
    {
        if (!VersionOptions.TryParse(versionOptions, out var versions))
        {
            return Problems.Validation("versionOptions", $"Unknown versionOptions '{versionOptions}'.");
        }

        var definition = await store.FindAsync(definitionId, versions, ct);
        return definition is null
            ? Problems.NotFound("definitionId", $"No {versions.Kind} version of workflow definition '{definitionId}'.")
            : ElsaJson.Ok(DefinitionJson.Model(definition));
    }

    private static async Task<IResult> ById(string id, DefinitionStore store, CancellationToken ct)
    {
        var definition = await store.FindByIdAsync(id, ct);
        return definition is null
            ? Problems.NotFound("id", $"No workflow definition version '{id}'.")
            : ElsaJson.Ok(DefinitionJson.Model(definition));
    }
}
