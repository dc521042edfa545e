using System.Text.Json.Nodes;
using Npgsql;

namespace CaseFlow.Workflows.ElsaApi.ActivityExecutions;

/// <summary>One row of <c>workflow_activity_executions</c>.</summary>
internal sealed record ExecutionRow(
    string Id, string WorkflowInstanceId, string ActivityId, string ActivityNodeId, string ActivityType, string? ActivityName, string Status,
    bool HasBookmarks, string[]? Outcomes, JsonObject? Exception, DateTimeOffset StartedAt, DateTimeOffset? CompletedAt, JsonObject? ActivityState = null)
{
    public static async Task<List<ExecutionRow>> QueryAsync(NpgsqlDataSource db, string instanceId, string[]? nodeIds, bool? completed, CancellationToken ct)
    {
        var where = "instance_id = @id";
        if (nodeIds is { Length: > 0 })
        {
            where += " AND activity_node_id = ANY(@nodes)";
        }

        if (completed is { } c)
        {
            where += c ? " AND completed_at IS NOT NULL" : " AND completed_at IS NULL";
        }

        await using var command = db.CreateCommand($"""
            SELECT id, instance_id, activity_id, activity_node_id, activity_type, activity_name, status, has_bookmarks, outcomes, exception, started_at, completed_at, activity_state
            FROM workflow_activity_executions WHERE {where} ORDER BY started_at, id
            """);
        command.Parameters.AddWithValue("id", instanceId);
        if (nodeIds is { Length: > 0 })
        {
            command.Parameters.AddWithValue("nodes", nodeIds);
        }

        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<ExecutionRow>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new ExecutionRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6), reader.GetBoolean(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<string[]>(8), reader.IsDBNull(9) ? null : JsonNode.Parse(reader.GetString(9)) as JsonObject,
                reader.GetFieldValue<DateTimeOffset>(10), reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11),
                reader.IsDBNull(12) ? null : JsonNode.Parse(reader.GetString(12)) as JsonObject));
        }

        return rows;
    }
}
