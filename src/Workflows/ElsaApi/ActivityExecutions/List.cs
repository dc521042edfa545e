using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace CaseFlow.Workflows.ElsaApi.ActivityExecutions;

/// <summary>
/// GET /activity-executions/list and GET /activity-execution-summaries/list <c>?workflowInstanceId=&amp;activityNodeId=&amp;completed=</c>:
/// Elsa's ActivityExecutionRecord (and its summary) as <c>{items, count}</c>, oldest first.
/// </summary>
internal static class List
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/activity-executions/list", (([AsParameters] Query q, NpgsqlDataSource db, CancellationToken ct) => Handle(q, db, summary: false, ct)))
            .WithName("ElsaListActivityExecutions");
        api.MapGet("/activity-execution-summaries/list", (([AsParameters] Query q, NpgsqlDataSource db, CancellationToken ct) => Handle(q, db, summary: true, ct)))
            .WithName("ElsaListActivityExecutionSummaries");
    }

    internal sealed record Query(string? WorkflowInstanceId, string? ActivityNodeId, bool? Completed);

    private static async Task<IResult> Handle(Query query, NpgsqlDataSource db, bool summary, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(query.WorkflowInstanceId))
        {
            return ServiceDefaults.Http.Problems.Validation("workflowInstanceId", "Say which workflow instance's executions to list.");
        }

        var rows = await ExecutionRow.QueryAsync(db, query.WorkflowInstanceId, query.ActivityNodeId is { Length: > 0 } n ? [n] : null, query.Completed, ct);
        return ElsaJson.Ok(new ListResponse<JsonObject>([.. rows.Select(r => Record(r, summary))]));
    }

    private static JsonObject Record(ExecutionRow r, bool summary)
    {
        var record = new JsonObject
        {
            ["id"] = r.Id,
            ["workflowInstanceId"] = r.WorkflowInstanceId,
            ["activityId"] = r.ActivityId,
            ["activityNodeId"] = r.ActivityNodeId,
            ["activityType"] = r.ActivityType,
            ["activityTypeVersion"] = 1,
            ["activityName"] = r.ActivityName ?? r.ActivityId,
            ["startedAt"] = r.StartedAt.ToString("O"),
            ["hasBookmarks"] = r.HasBookmarks,
            ["status"] = r.Status,
            ["aggregateFaultCount"] = r.Status == Runtime.ActivityStatus.Faulted ? 1 : 0,
            ["metadata"] = new JsonObject(),
            ["completedAt"] = r.CompletedAt?.ToString("O"),
        };
        if (!summary)
        {
            record["activityState"] = r.ActivityState?.DeepClone() ?? new JsonObject();
            record["outputs"] = new JsonObject();
            record["properties"] = new JsonObject();
            record["payload"] = new JsonObject { ["outcomes"] = new JsonArray([.. (r.Outcomes ?? []).Select(o => (JsonNode)o)]) };
            record["exception"] = r.Exception?.DeepClone();
            record["schedulingActivityExecutionId"] = null;
            record["schedulingActivityId"] = null;
            record["schedulingWorkflowInstanceId"] = null;
            record["callStackDepth"] = 0;
        }

        return record;
    }
}
