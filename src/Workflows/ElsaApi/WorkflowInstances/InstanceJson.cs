using System.Text.Json.Nodes;
using CaseFlow.Workflows.Runtime;

namespace CaseFlow.Workflows.ElsaApi.WorkflowInstances;

/// <summary>Elsa's WorkflowInstanceSummary, WorkflowInstance and WorkflowState, built from CaseFlow's instance row.</summary>
internal static class InstanceJson
{
    public static InstanceSummary Summary(InstanceRecord i) =>
        new(i.Id, i.DefinitionId, i.DefinitionVersionId, i.Version, i.Status, i.SubStatus, i.CorrelationId, i.Name, i.IncidentCount, i.CreatedAt, i.UpdatedAt, i.FinishedAt);

    public static JsonObject Instance(InstanceRecord i, IReadOnlyList<StoredBookmark> bookmarks, IReadOnlyList<IncidentRow> incidents) => new()
    {
        ["id"] = i.Id,
        ["definitionId"] = i.DefinitionId,
        ["definitionVersionId"] = i.DefinitionVersionId,
        ["version"] = i.Version,
        // Elsa's WorkflowInstanceModel and WorkflowState both name the instance that started this one (ExecuteWorkflow, DispatchWorkflow, a placed definition).
        ["parentWorkflowInstanceId"] = i.ParentInstanceId,
        ["workflowState"] = State(i, bookmarks, incidents),
        ["status"] = i.Status,
        ["subStatus"] = i.SubStatus,
        ["correlationId"] = i.CorrelationId,
        ["name"] = i.Name,
        ["incidentCount"] = i.IncidentCount,
        ["isSystem"] = false,
        ["createdAt"] = i.CreatedAt.ToString("O"),
        ["updatedAt"] = i.UpdatedAt.ToString("O"),
        ["finishedAt"] = i.FinishedAt?.ToString("O"),
        ["initiator"] = null,
    };

    /// <summary>
    /// The WorkflowState. CaseFlow's flowchart keeps no Elsa call stack: the waiting and faulted activities stand in for
    /// <c>activityExecutionContexts</c>, and the variables are also under <c>properties.variables</c> (Elsa keeps them per context).
    /// </summary>
    public static JsonObject State(InstanceRecord i, IReadOnlyList<StoredBookmark> bookmarks, IReadOnlyList<IncidentRow> incidents)
    {
        var variables = Variables(i);
        var openIncidents = incidents.Where(x => x.ResolvedAt is null).ToList();
        return new JsonObject
        {
            ["id"] = i.Id,
            ["definitionId"] = i.DefinitionId,
            ["definitionVersionId"] = i.DefinitionVersionId,
            ["definitionVersion"] = i.Version,
            ["parentWorkflowInstanceId"] = i.ParentInstanceId,
            ["correlationId"] = i.CorrelationId,
            ["status"] = i.Status,
            ["subStatus"] = i.SubStatus,
            ["isSystem"] = false,
            ["bookmarks"] = new JsonArray([.. bookmarks.Select(Bookmark)]),
            ["incidents"] = new JsonArray([.. incidents.Select(Incident)]),
            ["fault"] = i.SubStatus == WorkflowSubStatus.Faulted && openIncidents.Count > 0 ? Fault(openIncidents[^1]) : null,
            ["completionCallbacks"] = new JsonArray(),
            ["activityExecutionContexts"] = new JsonArray([.. i.State.Active.Select(Context)]),
            ["input"] = i.State.Input.DeepClone(),
            ["output"] = i.State.Output.DeepClone(),
            ["properties"] = new JsonObject { ["variables"] = variables },
            ["variables"] = variables.DeepClone(),
            ["createdAt"] = i.CreatedAt.ToString("O"),
            ["updatedAt"] = i.UpdatedAt.ToString("O"),
            ["finishedAt"] = i.FinishedAt?.ToString("O"),
        };
    }

    public static JsonObject Variables(InstanceRecord i) =>
        new(i.State.Variables.Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));

    public static JsonNode Bookmark(StoredBookmark b) => new JsonObject
    {
        ["id"] = b.Id,
        ["name"] = b.ActivityType,
        ["hash"] = b.Id,
        ["payload"] = b.Payload.DeepClone(),
        ["activityId"] = b.ActivityId,
        ["activityNodeId"] = b.ActivityNodeId,
        ["activityInstanceId"] = b.ActivityInstanceId,
        ["createdAt"] = b.CreatedAt.ToString("O"),
        ["autoBurn"] = true,
        ["callbackMethodName"] = null,
        ["metadata"] = new JsonObject { ["kind"] = b.Kind, ["dueAt"] = b.DueAt?.ToString("O") },
    };

    private static JsonNode Incident(IncidentRow x) => new JsonObject
    {
        ["id"] = x.Id,
        ["activityId"] = x.ActivityId,
        ["activityNodeId"] = x.ActivityNodeId,
        ["activityType"] = x.ActivityType,
        ["message"] = x.Message,
        ["exception"] = Exception(x.Exception, x.Message),
        ["timestamp"] = x.Timestamp.ToString("O"),
        ["resolvedAt"] = x.ResolvedAt?.ToString("O"),
    };

    private static JsonObject Fault(IncidentRow x) => new()
    {
        ["exception"] = Exception(x.Exception, x.Message),
        ["message"] = x.Message,
        ["faultedActivityId"] = x.ActivityId,
    };

    // Elsa's ExceptionState: {type, message, stackTrace, innerException}.
    private static JsonObject Exception(JsonObject? stored, string message) => new()
    {
        ["type"] = stored?["type"]?.DeepClone() ?? "System.Exception",
        ["message"] = stored?["message"]?.DeepClone() ?? message,
        ["stackTrace"] = stored?["stackTrace"]?.DeepClone(),
        ["innerException"] = null,
    };

    private static JsonNode Context(ActiveActivity a) => new JsonObject
    {
        ["id"] = a.ActivityInstanceId,
        ["parentContextId"] = null,
        ["scheduledActivityNodeId"] = a.ActivityId,
        ["ownerActivityNodeId"] = null,
        ["properties"] = a.Properties.DeepClone(),
        ["activityState"] = new JsonObject(),
        ["status"] = a.Status,
        ["isExecuting"] = false,
        ["faultCount"] = a.Status == ActivityStatus.Faulted ? 1 : 0,
        ["startedAt"] = a.StartedAt.ToString("O"),
        ["completedAt"] = null,
        ["tag"] = null,
        ["dynamicVariables"] = new JsonArray(),
    };
}

/// <summary>Elsa's WorkflowInstanceSummary.</summary>
internal sealed record InstanceSummary(
    string Id, string DefinitionId, string DefinitionVersionId, int Version, string Status, string SubStatus, string? CorrelationId, string? Name,
    int IncidentCount, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? FinishedAt)
{
    public bool IsSystem => false;
}
