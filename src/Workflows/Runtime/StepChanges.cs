using System.Text.Json.Nodes;

namespace CaseFlow.Workflows.Runtime;

/// <summary>Everything one step changed besides the instance row; written in the same transaction.</summary>
public sealed class StepChanges
{
    public List<StoredBookmark> NewBookmarks { get; } = [];

    public List<StoredBookmark> RemovedBookmarks { get; } = [];

    public List<JournalEntry> Journal { get; } = [];

    public Dictionary<string, ActivityExecutionRecord> Executions { get; } = [];

    public List<Incident> Incidents { get; } = [];

    public List<WorkflowEffect> Effects { get; } = [];
}

public sealed record JournalEntry(
    string ActivityId, string ActivityNodeId, string ActivityInstanceId, string ActivityType,
    string EventName, IReadOnlyList<string>? Outcomes, string? Message, DateTimeOffset Timestamp);

public sealed class ActivityExecutionRecord
{
    public required string Id { get; init; }

    public required string ActivityId { get; init; }

    public required string ActivityNodeId { get; init; }

    public required string ActivityType { get; init; }

    public string? ActivityName { get; init; }

    public string Status { get; set; } = ActivityStatus.Running;

    public bool HasBookmarks { get; set; }

    public IReadOnlyList<string>? Outcomes { get; set; }

    public JsonObject? Exception { get; set; }

    /// <summary>The evaluated inputs the log persistence settings keep (Elsa's <c>activityState</c>).</summary>
    public JsonObject? ActivityState { get; set; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; set; }
}

public sealed record Incident(string Id, string ActivityId, string ActivityNodeId, string ActivityType, string Message, JsonObject Exception, DateTimeOffset Timestamp);
