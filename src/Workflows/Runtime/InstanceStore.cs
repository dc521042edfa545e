using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;

namespace CaseFlow.Workflows.Runtime;

/// <summary>Reads and writes instances inside the caller's transaction; a step's whole write is one batch.</summary>
internal static class InstanceStore
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The columns <see cref="Read"/> reads, in its order.</summary>
    internal const string Columns = "id, definition_id, definition_version_id, version, name, status, sub_status, correlation_id, state, incident_count, created_at, updated_at, finished_at, parent_instance_id, root_instance_id";

    public static async Task<InstanceRecord?> LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string id, bool skipLocked, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT {Columns} FROM workflow_instances WHERE id = @id FOR UPDATE{(skipLocked ? " SKIP LOCKED" : "")}", connection, transaction);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public static async Task<List<StoredBookmark>> BookmarksAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string instanceId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT b.id, b.instance_id, b.activity_id, b.activity_node_id, b.activity_instance_id, b.activity_type, b.payload, t.due_at, b.created_at
            FROM workflow_bookmarks b LEFT JOIN workflow_timers t ON t.bookmark_id = b.id
            WHERE b.instance_id = @id ORDER BY b.created_at, b.id
            """, connection, transaction);
        command.Parameters.AddWithValue("id", instanceId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var result = new List<StoredBookmark>();
        while (await reader.ReadAsync(ct))
        {
            var payload = JsonNode.Parse(reader.GetString(6))!.AsObject();
            var kind = payload["$kind"]?.GetValue<string>() ?? "";
            var data = payload["data"] as JsonObject ?? [];
            result.Add(new StoredBookmark(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), kind, (JsonObject)data.DeepClone(), reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7), reader.GetFieldValue<DateTimeOffset>(8)));
        }

        return result;
    }

    public static async Task InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, InstanceRecord instance, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO workflow_instances (id, definition_id, definition_version_id, version, name, status, sub_status, correlation_id, state, incident_count, created_at, updated_at,
                parent_instance_id, root_instance_id)
            VALUES (@id, @definition, @versionId, @version, @name, @status, @subStatus, @correlation, @state, 0, @now, @now, @parent, @root)
            """, connection, transaction);
        command.Parameters.AddWithValue("id", instance.Id);
        command.Parameters.AddWithValue("definition", instance.DefinitionId);
        command.Parameters.AddWithValue("versionId", instance.DefinitionVersionId);
        command.Parameters.AddWithValue("version", instance.Version);
        command.Parameters.AddWithValue("name", (object?)instance.Name ?? DBNull.Value);
        command.Parameters.AddWithValue("status", instance.Status);
        command.Parameters.AddWithValue("subStatus", instance.SubStatus);
        command.Parameters.AddWithValue("correlation", (object?)instance.CorrelationId ?? DBNull.Value);
        command.Parameters.AddWithValue("state", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(instance.State, Json));
        command.Parameters.AddWithValue("now", instance.CreatedAt);
        command.Parameters.AddWithValue("parent", (object?)instance.ParentInstanceId ?? DBNull.Value);
        command.Parameters.AddWithValue("root", (object?)instance.RootInstanceId ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Writes the instance row and everything the step changed, in one round trip.</summary>
    public static async Task SaveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, InstanceRecord instance, StepChanges changes, bool resolveIncidents, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(Command("""
            UPDATE workflow_instances SET status = @status, sub_status = @subStatus, correlation_id = @correlation, state = @state,
                incident_count = @incidents, updated_at = @now, finished_at = @finished, name = @name
            WHERE id = @id
            """,
            ("id", instance.Id), ("status", instance.Status), ("subStatus", instance.SubStatus), ("correlation", instance.CorrelationId),
            ("state", Jsonb(JsonSerializer.Serialize(instance.State, Json))), ("incidents", instance.IncidentCount), ("now", instance.UpdatedAt),
            ("finished", instance.FinishedAt), ("name", instance.Name)));

        if (changes.RemovedBookmarks.Count > 0)
        {
            batch.BatchCommands.Add(Command("DELETE FROM workflow_bookmarks WHERE id = ANY(@ids)", ("ids", changes.RemovedBookmarks.Select(b => b.Id).ToArray())));
        }

        foreach (var bookmark in changes.NewBookmarks)
        {
            var payload = new JsonObject { ["$kind"] = bookmark.Kind, ["data"] = bookmark.Payload.DeepClone() };
            batch.BatchCommands.Add(Command("""
                INSERT INTO workflow_bookmarks (id, instance_id, activity_id, activity_node_id, activity_instance_id, activity_type, payload, created_at)
                VALUES (@id, @instance, @activity, @node, @activityInstance, @type, @payload, @created)
                """,
                ("id", bookmark.Id), ("instance", bookmark.InstanceId), ("activity", bookmark.ActivityId), ("node", bookmark.ActivityNodeId),
                ("activityInstance", bookmark.ActivityInstanceId), ("type", bookmark.ActivityType), ("payload", Jsonb(payload.ToJsonString())), ("created", bookmark.CreatedAt)));
            if (bookmark.DueAt is { } due)
            {
                batch.BatchCommands.Add(Command("INSERT INTO workflow_timers (bookmark_id, instance_id, due_at) VALUES (@id, @instance, @due)",
                    ("id", bookmark.Id), ("instance", bookmark.InstanceId), ("due", due)));
            }
        }

        foreach (var entry in changes.Journal)
        {
            batch.BatchCommands.Add(Command("""
                INSERT INTO workflow_journal (instance_id, activity_id, activity_node_id, activity_instance_id, activity_type, event_name, outcomes, message, timestamp)
                VALUES (@instance, @activity, @node, @activityInstance, @type, @event, @outcomes, @message, @at)
                """,
                ("instance", instance.Id), ("activity", entry.ActivityId), ("node", entry.ActivityNodeId), ("activityInstance", entry.ActivityInstanceId),
                ("type", entry.ActivityType), ("event", entry.EventName), ("outcomes", entry.Outcomes?.ToArray()), ("message", entry.Message), ("at", entry.Timestamp)));
        }

        foreach (var record in changes.Executions.Values)
        {
            batch.BatchCommands.Add(Command("""
                INSERT INTO workflow_activity_executions (id, instance_id, activity_id, activity_node_id, activity_type, activity_name, status, has_bookmarks, outcomes, exception, activity_state, started_at, completed_at)
                VALUES (@id, @instance, @activity, @node, @type, @name, @status, @bookmarks, @outcomes, @exception, @state, @started, @completed)
                ON CONFLICT (id) DO UPDATE SET status = excluded.status, has_bookmarks = excluded.has_bookmarks, outcomes = excluded.outcomes,
                    exception = excluded.exception, completed_at = excluded.completed_at,
                    activity_state = COALESCE(workflow_activity_executions.activity_state || excluded.activity_state, excluded.activity_state, workflow_activity_executions.activity_state)
                """,
                ("id", record.Id), ("instance", instance.Id), ("activity", record.ActivityId), ("node", record.ActivityNodeId), ("type", record.ActivityType),
                ("name", record.ActivityName), ("status", record.Status), ("bookmarks", record.HasBookmarks), ("outcomes", record.Outcomes?.ToArray()),
                ("exception", record.Exception is null ? null : Jsonb(record.Exception.ToJsonString())),
                ("state", record.ActivityState is null ? null : Jsonb(record.ActivityState.ToJsonString())), ("started", record.StartedAt), ("completed", record.CompletedAt)));
        }

        if (resolveIncidents)
        {
            batch.BatchCommands.Add(Command("UPDATE workflow_incidents SET resolved_at = @now WHERE instance_id = @instance AND resolved_at IS NULL",
                ("instance", instance.Id), ("now", instance.UpdatedAt)));
        }

        foreach (var incident in changes.Incidents)
        {
            batch.BatchCommands.Add(Command("""
                INSERT INTO workflow_incidents (id, instance_id, activity_id, activity_node_id, activity_type, message, exception, timestamp)
                VALUES (@id, @instance, @activity, @node, @type, @message, @exception, @at)
                """,
                ("id", incident.Id), ("instance", instance.Id), ("activity", incident.ActivityId), ("node", incident.ActivityNodeId), ("type", incident.ActivityType),
                ("message", incident.Message), ("exception", Jsonb(incident.Exception.ToJsonString())), ("at", incident.Timestamp)));
        }

        await batch.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlParameter Jsonb(string json) => new() { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = json };

    private static NpgsqlBatchCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in parameters)
        {
            if (value is NpgsqlParameter parameter)
            {
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }
            else
            {
                command.Parameters.Add(value is null ? new NpgsqlParameter(name, DBNull.Value) : new NpgsqlParameter(name, value));
            }
        }

        return command;
    }

    internal static InstanceRecord Read(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetString(0),
        DefinitionId = reader.GetString(1),
        DefinitionVersionId = reader.GetString(2),
        Version = reader.GetInt32(3),
        Name = reader.IsDBNull(4) ? null : reader.GetString(4),
        Status = reader.GetString(5),
        SubStatus = reader.GetString(6),
        CorrelationId = reader.IsDBNull(7) ? null : reader.GetString(7),
        State = JsonSerializer.Deserialize<InstanceState>(reader.GetString(8), Json)!,
        IncidentCount = reader.GetInt32(9),
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(10),
        UpdatedAt = reader.GetFieldValue<DateTimeOffset>(11),
        FinishedAt = reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12),
        ParentInstanceId = reader.IsDBNull(13) ? null : reader.GetString(13),
        RootInstanceId = reader.IsDBNull(14) ? null : reader.GetString(14),
    };
}
