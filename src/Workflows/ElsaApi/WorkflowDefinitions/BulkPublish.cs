using CaseFlow.Workflows.Definitions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Workflows.ElsaApi.WorkflowDefinitions;

/// <summary>The list's bulk publish and retract (its links make the Studio's list editable).</summary>
internal static class BulkPublish
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/bulk-actions/publish/workflow-definitions/by-definition-ids", PublishAll).WithName("ElsaBulkPublishWorkflowDefinitions");
        api.MapPost("/bulk-actions/retract/workflow-definitions/by-definition-ids", RetractAll).WithName("ElsaBulkRetractWorkflowDefinitions");
    }

    internal sealed record Request(string[]? DefinitionIds);

    internal sealed record PublishResponse(List<string> Published, List<string> AlreadyPublished, List<string> NotFound, List<string> Skipped, List<string> UpdatedConsumers);

    internal sealed record RetractResponse(List<string> Retracted, List<string> AlreadyRetracted, List<string> NotFound, List<string> Skipped);

    private static async Task<IResult> PublishAll(Request request, DefinitionStore store, CancellationToken ct)
    {
        var response = new PublishResponse([], [], [], [], []);
        foreach (var id in request.DefinitionIds ?? [])
        {
            var latest = await store.FindAsync(id, VersionOptions.Latest, ct);
            var list = latest is null ? response.NotFound : latest.IsPublished ? response.AlreadyPublished : response.Published;
            if (latest is { IsPublished: false })
            {
                await store.PublishAsync(id, ct);
            }

            list.Add(id);
        }

        return ElsaJson.Ok(response);
    }

    private static async Task<IResult> RetractAll(Request request, DefinitionStore store, CancellationToken ct)
    {
        var response = new RetractResponse([], [], [], []);
        foreach (var id in request.DefinitionIds ?? [])
        {
            if (await store.RetractAsync(id, ct) is not null)
            {
                response.Retracted.Add(id);
            }
            else
            {
                (await store.FindAsync(id, VersionOptions.Latest, ct) is null ? response.NotFound : response.AlreadyRetracted).Add(id);
            }
        }

        return ElsaJson.Ok(response);
    }
}
