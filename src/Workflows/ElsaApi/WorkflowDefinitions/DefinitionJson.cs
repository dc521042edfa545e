using System.Text.Json.Nodes;
using CaseFlow.Workflows.Definitions;

namespace CaseFlow.Workflows.ElsaApi.WorkflowDefinitions;

/// <summary>
/// A stored version as Elsa's <c>WorkflowDefinitionModel</c>: the verbatim document (unknown fields survive) with the
/// row's own facts written over it (the document's isLatest goes stale once a newer version exists), no null
/// collections, a <c>root.nodeId</c>, and the links that make the Studio's editor editable.
/// </summary>
internal static class DefinitionJson
{
    private static readonly string[] Collections = ["variables", "inputs", "outputs", "outcomes"];

    public static JsonObject Model(WorkflowDefinition definition, bool withLinks = true)
    {
        var model = (JsonObject)definition.Document.DeepClone();
        model["id"] = definition.Id;
        model["definitionId"] = definition.DefinitionId;
        model["name"] = definition.Name;
        model["version"] = definition.Version;
        model["isLatest"] = definition.IsLatest;
        model["isPublished"] = definition.IsPublished;
        model["createdAt"] = definition.CreatedAt.ToString("O");
        model["isReadonly"] = model["isReadonly"]?.DeepClone() ?? false;
        model["isSystem"] = model["isSystem"]?.DeepClone() ?? false;
        model["materializerName"] = model["materializerName"]?.DeepClone() ?? "Json";
        FillCollections(model);
        FillOptions(model);
        FillRoot(model);
        if (withLinks)
        {
            model["links"] = new JsonArray([.. Links(definition).Select(l => (JsonNode)new JsonObject { ["href"] = l.Href, ["rel"] = l.Rel, ["method"] = l.Method })]);
        }
        else
        {
            model.Remove("links");
        }

        return model;
    }

    /// <summary>Elsa's <c>WorkflowDefinitionSummary</c>.</summary>
    public static DefinitionSummary Summary(WorkflowDefinition d) =>
        new(d.Id, d.DefinitionId, d.Name, d.Description, d.Version, d.Document["toolVersion"]?.ToString(), d.IsLatest, d.IsPublished,
            "CaseFlow", "Json", d.CreatedAt, IsReadonly: false, IsSystem: false);

    /// <summary>What the Studio posts, made safe to store: its echo of our links is not part of the model.</summary>
    public static JsonObject Incoming(JsonObject model)
    {
        var copy = (JsonObject)model.DeepClone();
        copy.Remove("links");
        FillCollections(copy);
        return copy;
    }

    private static IEnumerable<Link> Links(WorkflowDefinition d)
    {
        var self = $"{ElsaApiExtensions.RoutePrefix}/workflow-definitions/{Uri.EscapeDataString(d.DefinitionId)}";
        yield return new Link($"{ElsaApiExtensions.RoutePrefix}/workflow-definitions/by-id/{Uri.EscapeDataString(d.Id)}", "self", "GET");
        yield return new Link($"{self}/publish", "publish", "POST");
        if (d.IsPublished)
        {
            yield return new Link($"{self}/retract", "retract", "POST");
            yield return new Link($"{self}/retract", "unpublish", "POST");
        }

        yield return new Link($"{self}/export", "export", "GET");
        yield return new Link($"{self}/execute", "execute", "POST");
        yield return new Link(self, "delete", "DELETE");
    }

    private static void FillCollections(JsonObject model)
    {
        foreach (var name in Collections)
        {
            if (model[name] is not JsonArray)
            {
                model[name] = new JsonArray();
            }
        }

        if (model["customProperties"] is not JsonObject)
        {
            model["customProperties"] = new JsonObject();
        }
    }

    private static void FillOptions(JsonObject model)
    {
        if (model["options"] is not JsonObject options)
        {
            model["options"] = options = new JsonObject();
        }

        options["usableAsActivity"] ??= false;
        options["autoUpdateConsumingWorkflows"] ??= false;
    }

    private static void FillRoot(JsonObject model)
    {
        if (model["root"] is not JsonObject root)
        {
            return;
        }

        var rootId = root["id"]?.ToString() is { Length: > 0 } id ? id : "flowchart1";
        root["id"] = rootId;
        if (root["nodeId"]?.ToString() is not { Length: > 0 })
        {
            root["nodeId"] = $"Workflow1:{rootId}";
        }

        var rootNodeId = root["nodeId"]!.ToString();
        foreach (var name in new[] { "metadata", "customProperties" })
        {
            if (root[name] is not JsonObject)
            {
                root[name] = new JsonObject();
            }
        }

        if (root["activities"] is not JsonArray activities)
        {
            root["activities"] = activities = new JsonArray();
        }

        if (root["connections"] is not JsonArray)
        {
            root["connections"] = new JsonArray();
        }

        foreach (var activity in activities.OfType<JsonObject>())
        {
            if (activity["nodeId"]?.ToString() is not { Length: > 0 })
            {
                activity["nodeId"] = $"{rootNodeId}:{activity["id"]}";
            }
        }
    }
}

internal sealed record DefinitionSummary(
    string Id, string DefinitionId, string Name, string? Description, int Version, string? ToolVersion, bool IsLatest, bool IsPublished,
    string ProviderName, string MaterializerName, DateTimeOffset CreatedAt, bool IsReadonly, bool IsSystem);
