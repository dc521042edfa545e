using System.Text.Json.Nodes;

namespace CaseFlow.Workflows.ElsaApi.Protection;

/// <summary>
/// A case instance as a designer may see it: its shape (status, activities, bookmarks, incidents) without the values
/// that carry the citizen's data (input, output, variables, activity and bookmark payloads, journal messages).
/// </summary>
internal static class Redaction
{
    /// <summary>Set on every redacted object, so a reader can tell "redacted" from "empty".</summary>
    public const string Marker = "personalDataRedacted";

    public static JsonObject Instance(JsonObject instance)
    {
        instance[Marker] = true;
        if (instance["workflowState"] is not JsonObject state)
        {
            return instance;
        }

        state["input"] = new JsonObject();
        state["output"] = new JsonObject();
        state["variables"] = new JsonObject();
        state["properties"] = new JsonObject { ["variables"] = new JsonObject() };
        foreach (var context in (state["activityExecutionContexts"] as JsonArray ?? []).OfType<JsonObject>())
        {
            context["properties"] = new JsonObject();
        }

        foreach (var bookmark in (state["bookmarks"] as JsonArray ?? []).OfType<JsonObject>())
        {
            bookmark["payload"] = new JsonObject();
        }

        return instance;
    }

    public static JsonObject JournalRecord(JsonObject record)
    {
        var outcomes = record["payload"]?["outcomes"]?.DeepClone();
        record["payload"] = outcomes is null ? new JsonObject() : new JsonObject { ["outcomes"] = outcomes };
        record["message"] = null;
        record[Marker] = true;
        return record;
    }
}
