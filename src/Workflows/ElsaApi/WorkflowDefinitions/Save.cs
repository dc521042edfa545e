using System.Text.Json.Nodes;
using CaseFlow.ServiceDefaults.Http;
using CaseFlow.Workflows.Definitions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Workflows.ElsaApi.WorkflowDefinitions;

/// <summary>
/// POST /workflow-definitions <c>{model, publish}</c>: the Studio's create, auto-save and publish. The store applies
/// Elsa's versioning rules and refuses unknown activity types and a save that would drop every activity (400).
/// </summary>
internal static class Save
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/workflow-definitions", Handle).WithName("ElsaSaveWorkflowDefinition");

    internal sealed record Request(JsonObject? Model, bool? Publish);

    internal sealed record Response(JsonObject WorkflowDefinition, bool AlreadyPublished, int ConsumingWorkflowCount);

    private static async Task<IResult> Handle(Request request, DefinitionStore store, CancellationToken ct)
    {
        if (request.Model is null)
        {
            return Problems.Validation("model", "The request needs the workflow definition model.");
        }

        var model = DefinitionJson.Incoming(request.Model);
        var definitionId = model["definitionId"]?.ToString();
        var existing = string.IsNullOrWhiteSpace(definitionId) ? null : await store.FindAsync(definitionId, VersionOptions.Latest, ct);
        var publish = request.Publish == true;
        var saved = await store.SaveAsync(model, publish, "Elsa Studio", ct);
        var alreadyPublished = publish && existing is { IsPublished: true } && existing.Id == saved.Id;
        var response = new Response(DefinitionJson.Model(saved), alreadyPublished, 0);
        return existing is null
            ? Results.Json(response, ElsaJson.Options, statusCode: StatusCodes.Status201Created)
            : ElsaJson.Ok(response);
    }
}
