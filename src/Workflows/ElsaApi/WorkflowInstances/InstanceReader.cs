using System.Text.Json.Nodes;
using CaseFlow.Workflows.Runtime;
using Npgsql;

namespace CaseFlow.Workflows.ElsaApi.WorkflowInstances;

/// <summary>The read side of the instance tables for the Studio's instance list and viewer (no locks: a snapshot is enough).</summary>
internal sealed class InstanceReader(NpgsqlDataSource dataSource)
{
    public async Task<InstanceRecord?> FindAsync(string id, CancellationToken ct) =>
        (await QueryAsync("WHERE id = @id", [("id", id)], ct)).FirstOrDefault();

    /// <summary>A page is at most this long, whatever is asked: a list that grows must not answer with all of it.</summary>
    public const int MaxPageSize = 200;

    /// <summary>Counting stops here: the Studio's pager needs a total, not an exact one past thousands of pages' worth.</summary>
    public const int CountBound = 10_000;

    /// <param name="after">The keyset position (creation time, id) the page starts after; null for the first page.</param>
    public async Task<(List<InstanceRecord> Items, long Total, (DateTimeOffset At, string Id)? Next)> ListAsync(
        InstanceFilter filter, (DateTimeOffset At, string Id)? after, CancellationToken ct)
    {
        var (where, parameters) = filter.ToSql();
        var size = filter.PageSize is { } asked and > 0 ? Math.Min(asked, MaxPageSize) : MaxPageSize;
        var keyed = where;
        var offset = Math.Max(0, filter.Page ?? 0) * size;
        if (after is { } position)
        {
            // A row comparison on (created_at, id) reads workflow_instances_created from the cursor on.
            keyed = (where.Length == 0 ? "WHERE " : where + " AND ") + "(created_at, id) < (@afterAt, @afterId)";
            parameters = [.. parameters, ("afterAt", position.At), ("afterId", position.Id)];
            offset = 0;
        }

        var rows = await QueryAsync($"{keyed} ORDER BY {filter.OrderSql()} LIMIT {size + 1} OFFSET {offset}", parameters, ct);
        (DateTimeOffset At, string Id)? next = rows.Count > size && filter.IsDefaultOrder ? (rows[size - 1].CreatedAt, rows[size - 1].Id) : null;
        var items = rows.Take(size).ToList();
        await using var count = dataSource.CreateCommand($"SELECT count(*) FROM (SELECT 1 FROM workflow_instances {where} LIMIT {CountBound}) bounded");
        AddParameters(count, parameters.Where(p => p.Name is not ("afterAt" or "afterId")));
        return (items, (long)(await count.ExecuteScalarAsync(ct))!, next);
    }

    public async Task<List<StoredBookmark>> BookmarksAsync(string instanceId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await InstanceStore.BookmarksAsync(connection, null, instanceId, ct);
    }

    public async Task<List<IncidentRow>> IncidentsAsync(string instanceId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, activity_id, activity_node_id, activity_type, message, exception, timestamp, resolved_at
            FROM workflow_incidents WHERE instance_id = @id ORDER BY timestamp, id
            """);
        command.Parameters.AddWithValue("id", instanceId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<IncidentRow>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new IncidentRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : JsonNode.Parse(reader.GetString(5)) as JsonObject, reader.GetFieldValue<DateTimeOffset>(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7)));
        }

        return rows;
    }

    private async Task<List<InstanceRecord>> QueryAsync(string tail, IReadOnlyList<(string Name, object Value)> parameters, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"SELECT {InstanceStore.Columns} FROM workflow_instances {tail}");
        AddParameters(command, parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<InstanceRecord>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(InstanceStore.Read(reader));
        }

        return rows;
    }

    internal static void AddParameters(NpgsqlCommand command, IEnumerable<(string Name, object Value)> parameters)
    {
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
    }
}

internal sealed record IncidentRow(
    string Id, string ActivityId, string ActivityNodeId, string ActivityType, string Message, JsonObject? Exception, DateTimeOffset Timestamp, DateTimeOffset? ResolvedAt);
