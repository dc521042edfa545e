using System.Security.Claims;
using System.Text.Json.Nodes;
using CaseFlow.ServiceDefaults.Http;
using CaseFlow.Workflows.ElsaApi.Protection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace CaseFlow.Workflows.ElsaApi.WorkflowInstances;

/// <summary>
/// GET and POST /workflow-instances/{id}/journal?skip=&amp;take= (or page/pageSize): Elsa's execution log records, oldest
/// first; the POST body may filter <c>{filter: {activityIds, activityNodeIds, excludedActivityTypes, eventNames}}</c>.
/// A case instance's payloads and messages are blanked for designers (outcomes stay).
/// </summary>
internal static class Journal
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/workflow-instances/{id}/journal", ([AsParameters] PageQuery page, ClaimsPrincipal user, InstanceGuard guard, InstanceReader reader, NpgsqlDataSource db,
            CancellationToken ct) => Handle(page, null, user, guard, reader, db, ct)).WithName("ElsaGetWorkflowInstanceJournal");
        api.MapPost("/workflow-instances/{id}/journal", ([AsParameters] PageQuery page, FilterBody? body, ClaimsPrincipal user, InstanceGuard guard, InstanceReader reader,
            NpgsqlDataSource db, CancellationToken ct) => Handle(page, body?.Filter ?? body?.AsFilter(), user, guard, reader, db, ct)).WithName("ElsaFilterWorkflowInstanceJournal");
    }

    internal sealed record PageQuery(string Id, int? Skip, int? Take, int? Page, int? PageSize);

    /// <summary>Elsa wraps the filter (<c>{filter: {…}}</c>); a bare filter is accepted too.</summary>
    internal sealed record FilterBody(JournalFilter? Filter, string[]? ActivityIds, string[]? ActivityNodeIds, string[]? ExcludedActivityTypes, string[]? EventNames)
    {
        public JournalFilter AsFilter() => new(ActivityIds, ActivityNodeIds, ExcludedActivityTypes, EventNames);
    }

    internal sealed record JournalFilter(string[]? ActivityIds, string[]? ActivityNodeIds, string[]? ExcludedActivityTypes, string[]? EventNames);

    private static async Task<IResult> Handle(PageQuery page, JournalFilter? filter, ClaimsPrincipal user, InstanceGuard guard, InstanceReader reader, NpgsqlDataSource db,
        CancellationToken ct)
    {
        var instance = await reader.FindAsync(page.Id, ct);
        if (instance is null)
        {
            return Problems.NotFound("id", $"No workflow instance '{page.Id}'.");
        }

        var where = "j.instance_id = @id";
        var parameters = new List<(string, object)> { ("id", page.Id) };
        void Filter(string[]? values, string condition, string name)
        {
            if (values is { Length: > 0 })
            {
                where += $" AND {condition}";
                parameters.Add((name, values));
            }
        }

        Filter(filter?.ActivityIds, "j.activity_id = ANY(@activityIds)", "activityIds");
        Filter(filter?.ActivityNodeIds, "j.activity_node_id = ANY(@nodeIds)", "nodeIds");
        Filter(filter?.ExcludedActivityTypes, "NOT (j.activity_type = ANY(@excluded))", "excluded");
        Filter(filter?.EventNames, "j.event_name = ANY(@events)", "events");
        var (skip, take) = page.Page is { } p && page.PageSize is > 0 ? (p * page.PageSize.Value, page.PageSize.Value) : (page.Skip ?? 0, page.Take ?? 100);

        await using var command = db.CreateCommand($"""
            SELECT j.id, j.activity_instance_id, j.activity_id, j.activity_node_id, j.activity_type, e.activity_name, j.timestamp,
                   j.event_name, j.message, j.outcomes, j.payload, count(*) OVER ()
            FROM workflow_journal j LEFT JOIN workflow_activity_executions e ON e.id = j.activity_instance_id
            WHERE {where} ORDER BY j.id OFFSET {Math.Max(0, skip)} LIMIT {Math.Clamp(take, 1, 1000)}
            """);
        InstanceReader.AddParameters(command, parameters);
        var items = new List<JsonNode>();
        long total = 0;
        await using (var row = await command.ExecuteReaderAsync(ct))
        {
            while (await row.ReadAsync(ct))
            {
                total = row.GetInt64(11);
                var payload = row.IsDBNull(10) ? new JsonObject() : JsonNode.Parse(row.GetString(10)) as JsonObject ?? [];
                if (!row.IsDBNull(9))
                {
                    payload["outcomes"] = new JsonArray([.. row.GetFieldValue<string[]>(9).Select(o => (JsonNode)o)]);
                }

                items.Add(new JsonObject
                {
                    ["id"] = row.GetInt64(0).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["workflowDefinitionId"] = instance.DefinitionId,
                    ["workflowDefinitionVersionId"] = instance.DefinitionVersionId,
                    ["workflowInstanceId"] = instance.Id,
                    ["workflowVersion"] = instance.Version,
                    ["activityInstanceId"] = row.GetString(1),
                    ["parentActivityInstanceId"] = null,
                    ["activityId"] = row.GetString(2),
                    ["activityType"] = row.GetString(4),
                    ["activityTypeVersion"] = 1,
                    ["activityName"] = row.IsDBNull(5) ? row.GetString(2) : row.GetString(5),
                    ["activityNodeId"] = row.GetString(3),
                    ["nodeId"] = row.GetString(3),
                    ["timestamp"] = row.GetFieldValue<DateTimeOffset>(6).ToString("O"),
                    ["sequence"] = row.GetInt64(0),
                    ["eventName"] = row.GetString(7),
                    ["message"] = row.IsDBNull(8) ? null : row.GetString(8),
                    ["source"] = null,
                    ["activityState"] = new JsonObject(),
                    ["payload"] = payload,
                });
            }
        }

        if (items.Count == 0 && skip > 0)
        {
            await using var count = db.CreateCommand($"SELECT count(*) FROM workflow_journal j WHERE {where}");
            InstanceReader.AddParameters(count, parameters);
            total = (long)(await count.ExecuteScalarAsync(ct))!;
        }

        if (await guard.RedactAsync(user, page.Id, ct))
        {
            items = [.. items.Select(i => (JsonNode)Redaction.JournalRecord(i.AsObject()))];
        }

        return ElsaJson.Ok(new { items, totalCount = total });
    }
}
