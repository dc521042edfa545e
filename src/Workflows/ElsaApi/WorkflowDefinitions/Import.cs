using System.Text.Json.Nodes;
using CaseFlow.ServiceDefaults.Http;
using CaseFlow.Workflows.Definitions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Workflows.ElsaApi.WorkflowDefinitions;

/// <summary>POST /workflow-definitions/import: a model JSON (as Elsa exports it) saved by the same rules as the designer's save; published when it says so.</summary>
internal static class Import
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/workflow-definitions/import", Handle).WithName("ElsaImportWorkflowDefinition");

    private static async Task<IResult> Handle(JsonObject? model, DefinitionStore store, CancellationToken ct)
    {
        if (model is null)
        {
            return Problems.Validation("model", "Send the workflow definition model as the request body.");
        }

        model = DefinitionJson.Incoming(model);
        // A version id exported from another system may name a version of a different definition here: let the store choose one.
        if (model["id"]?.ToString() is { Length: > 0 } versionId
            && await store.FindByIdAsync(versionId, ct) is { } clash && clash.DefinitionId != model["definitionId"]?.ToString())
        {
            model.Remove("id");
        }

        var publish = model["isPublished"] is JsonValue value && value.TryGetValue<bool>(out var p) && p;
        var saved = await store.SaveAsync(model, publish, "Elsa import", ct);
        return ElsaJson.Ok(DefinitionJson.Model(saved));
    }
}
