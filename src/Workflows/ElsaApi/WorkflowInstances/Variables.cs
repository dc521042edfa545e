using System.Security.Claims;
using System.Text.Json.Nodes;
using CaseFlow.ServiceDefaults.Http;
using CaseFlow.Workflows.ElsaApi.Protection;
using CaseFlow.Workflows.Definitions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Workflows.ElsaApi.WorkflowInstances;

/// <summary>
/// GET /workflow-instances/{id}/variables: Elsa's ResolvedVariable list, declared variables first, with their ids from
/// the definition; a case instance's values are null for designers.
/// </summary>
internal static class Variables
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/workflow-instances/{id}/variables", Handle).WithName("ElsaGetWorkflowInstanceVariables");

    internal sealed record ResolvedVariable(string Id, string Name, string TypeName, JsonNode? Value);

    private static async Task<IResult> Handle(string id, ClaimsPrincipal user, InstanceGuard guard, InstanceReader reader, DefinitionStore definitions, CancellationToken ct)
    {
        var instance = await reader.FindAsync(id, ct);
        if (instance is null)
        {
            return Problems.NotFound("id", $"No workflow instance '{id}'.");
        }

        var declared = (await definitions.FindByIdAsync(instance.DefinitionVersionId, ct))?.Variables ?? [];
        var values = await guard.RedactAsync(user, id, ct) ? new Dictionary<string, JsonNode?>() : instance.State.Variables;
        var items = declared
            .Select(v => new ResolvedVariable(v.Id, v.Name, v.TypeName, values.GetValueOrDefault(v.Name)?.DeepClone()))
            .Concat(values.Where(p => declared.All(v => v.Name != p.Key)).Select(p => new ResolvedVariable(p.Key, p.Key, "Object", p.Value?.DeepClone())))
            .ToList();
        return ElsaJson.Ok(new ListResponse<ResolvedVariable>(items));
    }
}
