using System.Text.Json.Nodes;
using CaseFlow.Workflows.Activities;
using CaseFlow.Workflows.Definitions;
using Microsoft.Extensions.Configuration;

namespace CaseFlow.Workflows.ElsaApi.Descriptors;

/// <summary>
/// Every published definition with <c>options.usableAsActivity</c>, as Elsa's WorkflowDefinitionActivityProvider describes
/// it: the type is the definition's name in PascalCase, the inputs and outputs are the definition's (synthetic), the ports
/// its outcomes, and the construction properties name the definition and version the Studio writes on the node it drops.
/// </summary>
internal static class WorkflowActivityDescriptors
{
    public static async Task<IReadOnlyList<JsonObject>> DescribeAsync(DefinitionStore definitions, IConfiguration configuration, CancellationToken ct)
    {
        var published = await definitions.ListAsync(VersionOptions.Published, null, null, null, ct);
        return [.. published.Where(UsableAsActivity).OrderBy(d => d.Name, StringComparer.Ordinal).Select(d => Describe(d, configuration))];
    }

    public static bool UsableAsActivity(WorkflowDefinition definition) => definition.Document["options"]?["usableAsActivity"]?.GetValueKind() == System.Text.Json.JsonValueKind.True;

    /// <summary>Humanizer's Pascalize, as Elsa applies it to the name: words split at spaces and underscores, each capitalised.</summary>
    public static string TypeNameOf(WorkflowDefinition definition) =>
        string.Concat(definition.Name.Split([' ', '_'], StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    private static JsonObject Describe(WorkflowDefinition definition, IConfiguration configuration)
    {
        var typeName = TypeNameOf(definition);
        var inputs = (definition.Document["inputs"] as JsonArray ?? []).OfType<JsonObject>().Select((input, order) =>
        {
            var name = input["name"]!.GetValue<string>();
            var described = InputJson.Describe(new InputDescriptor(name, input["type"]?.GetValue<string>() ?? "Object",
                input["displayName"]?.GetValue<string>() ?? name, input["description"]?.GetValue<string>() ?? "",
                input["uiHint"]?.GetValue<string>() ?? UiHints.SingleLine), order, configuration);
            described["isSynthetic"] = true;
            return (JsonNode)described;
        });
        var outputs = (definition.Document["outputs"] as JsonArray ?? []).OfType<JsonObject>().Select(output => (JsonNode)new JsonObject
        {
            ["name"] = output["name"]!.GetValue<string>(),
            ["typeName"] = output["type"]?.GetValue<string>() ?? "Object",
            ["displayName"] = output["displayName"]?.GetValue<string>() ?? output["name"]!.GetValue<string>(),
            ["description"] = output["description"]?.GetValue<string>() ?? "",
            ["isSynthetic"] = true,
            ["isBrowsable"] = true,
        });
        var outcomes = (definition.Document["outcomes"] as JsonArray ?? []).Select(o => o?.GetValue<string>()).OfType<string>().ToList();
        return new JsonObject
        {
            ["typeName"] = typeName,
            ["namespace"] = "",
            ["name"] = typeName,
            ["version"] = definition.Version,
            ["category"] = "Workflows",
            ["displayName"] = definition.Name,
            ["description"] = definition.Description ?? "",
            ["kind"] = "Action",
            ["isContainer"] = false,
            ["isBrowsable"] = true,
            ["isStart"] = false,
            ["isTerminal"] = false,
            ["runAsynchronously"] = false,
            ["customProperties"] = new JsonObject { ["RootType"] = "WorkflowDefinitionActivity", ["WorkflowDefinitionVersionId"] = definition.Id },
            ["constructionProperties"] = new JsonObject
            {
                ["WorkflowDefinitionId"] = definition.DefinitionId,
                ["WorkflowDefinitionVersionId"] = definition.Id,
                ["Version"] = definition.Version,
                ["LatestAvailablePublishedVersion"] = definition.Version,
                ["LatestAvailablePublishedVersionId"] = definition.Id,
            },
            ["attributes"] = new JsonArray(),
            ["inputs"] = new JsonArray([.. inputs]),
            ["outputs"] = new JsonArray([.. outputs]),
            ["ports"] = new JsonArray([.. (outcomes.Count > 0 ? outcomes : ["Done"]).Select(p => (JsonNode)new JsonObject
            {
                ["name"] = p, ["displayName"] = p, ["type"] = "Flow", ["isBrowsable"] = true,
            })]),
        };
    }
}
