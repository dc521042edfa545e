using CaseFlow.ServiceDefaults.Http;
using Npgsql;

namespace CaseFlow.Notifications.Operators;

/// <summary><c>GET /api/notifications?caseId=&amp;status=&amp;limit=</c>: newest first.</summary>
internal static class ListNotifications
{
    public static readonly string[] Statuses = ["pending", "sending", "sent", "retrying", "uncertain", "failed"];

    public static async Task<Microsoft.AspNetCore.Http.IResult> Handle(Guid? caseId, string? status, int? limit, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        if (status is not null && !Statuses.Contains(status))
        {
            return Problems.Validation("status", $"status must be one of {string.Join(", ", Statuses)}.");
        }

        if (limit is < 1 or > 1000)
        {
            return Problems.Validation("limit", "limit must be between 1 and 1000.");
        }

        await using var command = dataSource.CreateCommand($"""
            SELECT {NotificationRows.Columns} FROM outbox_messages
             WHERE (@case::uuid IS NULL OR case_id = @case) AND (@status::text IS NULL OR status = @status)
             ORDER BY created_at DESC, id DESC
             LIMIT @limit
            """);
        command.Parameters.AddWithValue("case", (object?)caseId ?? DBNull.Value);
        command.Parameters.AddWithValue("status", (object?)status ?? DBNull.Value);
        command.Parameters.AddWithValue("limit", limit ?? 200);
        return Microsoft.AspNetCore.Http.Results.Ok(await NotificationRows.ReadAsync(command, withBodies: false, ct));
    }
}
