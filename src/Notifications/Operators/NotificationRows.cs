using Npgsql;

namespace CaseFlow.Notifications.Operators;

internal static class NotificationRows
{
    public const string Columns = """
        id, case_id, deduplication_key, template, language, recipient_address, recipient_name, subject, status, attempts,
        next_attempt_at, last_error, message_id, sent_at, resend_count, created_at, html_body, text_body
        """;

    public static async Task<List<NotificationView>> ReadAsync(NpgsqlCommand command, bool withBodies, CancellationToken ct)
    {
        var rows = new List<NotificationView>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new NotificationView(
                reader.GetGuid(0),
                reader.IsDBNull(1) ? null : reader.GetGuid(1),
                reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.GetString(7), reader.GetString(8), reader.GetInt32(9),
                reader.GetFieldValue<DateTimeOffset>(10),
                reader.IsDBNull(11) ? null : reader.GetString(11),
                reader.GetString(12),
                reader.IsDBNull(13) ? null : reader.GetFieldValue<DateTimeOffset>(13),
                reader.GetInt32(14),
                reader.GetFieldValue<DateTimeOffset>(15),
                withBodies ? reader.GetString(16) : null,
                withBodies ? reader.GetString(17) : null));
        }

        return rows;
    }
}
