using CaseFlow.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace CaseFlow.Notifications.Operators;

/// <summary><c>GET /api/notifications/{id}</c>: one row with its rendered HTML and text.</summary>
internal static class GetNotification
{
    public static async Task<IResult> Handle(Guid id, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"SELECT {NotificationRows.Columns} FROM outbox_messages WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        var rows = await NotificationRows.ReadAsync(command, withBodies: true, ct);
        return rows.Count == 1 ? Results.Ok(rows[0]) : Problems.NotFound("id", $"No notification {id}.");
    }
}
