using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace CaseFlow.Workflows.ElsaApi.ActivityExecutions;

/// <summary>POST /activity-executions/report <c>{workflowInstanceId, activityNodeIds}</c>: per activity, how often it started and completed, and whether it waits or faulted (the viewer's badges).</summary>
internal static class Report
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/activity-executions/report", Handle).WithName("ElsaActivityExecutionsReport");

    internal sealed record Request(string? WorkflowInstanceId, string[]? ActivityNodeIds);

    internal sealed record Stats(string ActivityId, string ActivityNodeId, int StartedCount, int CompletedCount, int UncompletedCount, bool IsBlocked, bool IsFaulted);

    internal sealed record Response(IReadOnlyList<Stats> Stats);

    private static async Task<IResult> Handle(Request request, NpgsqlDataSource db, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.WorkflowInstanceId))
        {
            return ServiceDefaults.Http.Problems.Validation("workflowInstanceId", "Say which workflow instance to report on.");
        }

        var rows = await ExecutionRow.QueryAsync(db, request.WorkflowInstanceId, request.ActivityNodeIds, null, ct);
        var stats = rows.GroupBy(r => r.ActivityNodeId).Select(g =>
        {
            var completed = g.Count(r => r.CompletedAt is not null);
            return new Stats(g.First().ActivityId, g.Key, g.Count(), completed, g.Count() - completed,
                IsBlocked: g.Any(r => r.CompletedAt is null && r.HasBookmarks),
                IsFaulted: g.Any(r => r.Status == Runtime.ActivityStatus.Faulted));
        }).ToList();
        return ElsaJson.Ok(new Response(stats));
    }
}
