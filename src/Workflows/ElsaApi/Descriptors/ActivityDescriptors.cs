using System.Text.Json.Nodes;
using CaseFlow.Workflows.Activities;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

namespace CaseFlow.Workflows.ElsaApi.Descriptors;

/// <summary>
/// GET /descriptors/activities?refresh=: every type the runtime runs, in Elsa's ActivityDescriptor shape, plus the
/// Elsa.Flowchart root (the canvas itself) and every published definition usable as an activity. Types with dynamic ports list none: the Studio derives them from the
/// input whose uiHint is "dynamic-outcomes" (fork branches, office task outcomes) or "flow-switch-editor" (cases + Default).
/// </summary>
internal static class ActivityDescriptors
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/descriptors/activities", Handle).WithName("ElsaListActivityDescriptors");

    private static async Task<IResult> Handle(ActivityRegistry registry, IConfiguration configuration, IEnumerable<IInputOptionsSource> sources,
        Definitions.DefinitionStore definitions, CancellationToken ct)
    {
        var workflows = await WorkflowActivityDescriptors.DescribeAsync(definitions, configuration, ct);
        var items = registry.All.Select(h => h.Descriptor).Where(d => d.IsBrowsable).OrderBy(d => d.Category).ThenBy(d => d.DisplayName)
            .Select(d => Describe(d, configuration, sources))
            .Append(Flowchart())
            .Concat(workflows)
            .ToList();
        return ElsaJson.Ok(new ListResponse<JsonObject>(items));
    }

    private static JsonObject Describe(ActivityDescriptor d, IConfiguration configuration, IEnumerable<IInputOptionsSource> sources) => new()
    {
        ["typeName"] = d.TypeName,
        ["namespace"] = d.Namespace,
        ["name"] = d.Name,
        ["version"] = 1,
        ["category"] = d.Category,
        ["displayName"] = d.DisplayName,
        ["description"] = d.Description,
        ["kind"] = d.Kind,
        ["isContainer"] = false,
        ["isBrowsable"] = true,
        ["isStart"] = d.IsStart,
        ["isTerminal"] = d.IsTerminal,
        ["runAsynchronously"] = false,
        ["customProperties"] = new JsonObject(),
        ["constructionProperties"] = new JsonObject(),
        ["attributes"] = new JsonArray(),
        ["inputs"] = new JsonArray([.. d.Inputs.Select((input, order) => (JsonNode)InputJson.Describe(input, order, configuration, sources))]),
        ["outputs"] = new JsonArray(),
        ["ports"] = new JsonArray([
            .. (d.EmbeddedPorts ?? []).Select(p => (JsonNode)Port(p, "Embedded")),
            .. (d.HasDynamicPorts ? [] : d.Ports).Select(p => (JsonNode)Port(p))]),
    };

    private static JsonObject Port(string name, string type = "Flow") => new()
    {
        ["name"] = name,
        ["displayName"] = name,
        ["type"] = type,
        ["isBrowsable"] = true,
    };

    // The root of every CaseFlow definition; not offered in the toolbox because flowcharts do not nest here.
    private static JsonObject Flowchart() => new()
    {
        ["typeName"] = "Elsa.Flowchart",
        ["namespace"] = "Elsa",
        ["name"] = "Flowchart",
        ["version"] = 1,
        ["category"] = Categories.Flow,
        ["displayName"] = "Diagramma di flusso",
        ["description"] = "Il diagramma che contiene le attività del procedimento.",
        ["kind"] = "Action",
        ["isContainer"] = true,
        ["isBrowsable"] = false,
        ["isStart"] = false,
        ["isTerminal"] = false,
        ["runAsynchronously"] = false,
        ["customProperties"] = new JsonObject(),
        ["constructionProperties"] = new JsonObject(),
        ["attributes"] = new JsonArray(),
        ["inputs"] = new JsonArray(),
        ["outputs"] = new JsonArray(),
        ["ports"] = new JsonArray(),
    };
}
