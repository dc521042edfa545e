using CaseFlow.ServiceDefaults.Http;
using CaseFlow.Workflows.Definitions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Workflows.ElsaApi.WorkflowDefinitions;

/// <summary>POST /workflow-definitions/{definitionId}/retract <c>{}</c>: unpublishes; running instances carry on.</summary>
internal static class Retract
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/workflow-definitions/{definitionId}/retract", Handle).WithName("ElsaRetractWorkflowDefinition");

    private static async Task<IResult> Handle(string definitionId, DefinitionStore store, CancellationToken ct)
    {
        var retracted = await store.RetractAsync(definitionId, ct);
        if (retracted is not null)
        {
            return ElsaJson.Ok(DefinitionJson.Model(retracted));
        }

        return await store.FindAsync(definitionId, VersionOptions.Latest, ct) is null
            ? Problems.NotFound("definitionId", $"No workflow definition '{definitionId}'.")
            : Problems.Validation("definitionId", $"Workflow definition '{definitionId}' has no published version to retract.");
    }
}
