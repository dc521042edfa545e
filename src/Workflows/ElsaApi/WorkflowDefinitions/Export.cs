using System.Text;
using CaseFlow.ServiceDefaults.Http;
using CaseFlow.Workflows.Definitions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Workflows.ElsaApi.WorkflowDefinitions;

/// <summary>GET /workflow-definitions/{definitionId}/export: the model as a JSON file, ready for <c>workflow-definitions/</c> or an import.</summary>
internal static class Export
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/workflow-definitions/{definitionId}/export", Handle).WithName("ElsaExportWorkflowDefinition");

    private static async Task<IResult> Handle(string definitionId, string? versionOptions, DefinitionStore store, CancellationToken ct)
    {
        if (!VersionOptions.TryParse(versionOptions, out var versions))
        {
            return Problems.Validation("versionOptions", $"Unknown versionOptions '{versionOptions}'.");
        }

        var definition = await store.FindAsync(definitionId, versions, ct);
        if (definition is null)
        {
            return Problems.NotFound("definitionId", $"No {versions.Kind} version of workflow definition '{definitionId}'.");
        }

        var json = DefinitionJson.Model(definition, withLinks: false).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
        var fileName = new string([.. definition.Name.Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-')]).Trim('-');
        return Results.File(Encoding.UTF8.GetBytes(json), "application/json", $"{(fileName.Length > 0 ? fileName : definition.DefinitionId)}.json");
    }
}
