using System.Text.Json.Nodes;

namespace CaseFlow.Workflows.Runtime;

/// <summary>A point where an instance waits, as stored in <c>workflow_bookmarks</c>.</summary>
public sealed record StoredBookmark(
    string Id,
    string InstanceId,
    string ActivityId,
    string ActivityNodeId,
    string ActivityInstanceId,
    string ActivityType,
    string Kind,
    JsonObject Payload,
    DateTimeOffset? DueAt,
    DateTimeOffset CreatedAt);
