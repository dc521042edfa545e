using CaseFlow.ServiceDefaults.Http;
using CaseFlow.Workflows.Definitions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Workflows.ElsaApi.WorkflowDefinitions;

/// <summary>POST /workflow-definitions/{definitionId}/publish: publishes the latest version (the Studio itself saves with publish: true).</summary>
internal static class Publish
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/workflow-definitions/{definitionId}/publish", Handle).WithName("ElsaPublishWorkflowDefinition");

    private static async Task<IResult> Handle(string definitionId, DefinitionStore store, CancellationToken ct)
    {
        var latest = await store.FindAsync(definitionId, VersionOptions.Latest, ct);
        if (latest is null)
        {
            return Problems.NotFound("definitionId", $"No workflow definition '{definitionId}'.");
        }

        if (latest.IsPublished)
        {
            return ElsaJson.Ok(new Save.Response(DefinitionJson.Model(latest), AlreadyPublished: true, 0));
        }

        var published = await store.PublishAsync(definitionId, ct);
        return ElsaJson.Ok(new Save.Response(DefinitionJson.Model(published!), AlreadyPublished: false, 0));
    }
}
