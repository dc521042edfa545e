using Npgsql;

namespace CaseFlow.Notifications.Operators;

/// <summary>One email of a case as the outbox knows it: where it went and how its delivery ended (or stands).</summary>
public sealed record CaseDelivery(Guid Id, string Template, string RecipientAddress, string Subject, string Status, int Attempts, DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt, string? LastError);

/// <summary>
/// The delivery state of a case's emails, for the case page. The caller has already checked that the person may
/// read the case: the outbox knows nothing of offices.
/// </summary>
public sealed class CaseDeliveries(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<CaseDelivery>> ForCaseAsync(Guid caseId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, template, recipient_address, subject, status, attempts, created_at, sent_at, last_error
              FROM outbox_messages WHERE case_id = @case ORDER BY created_at, id
            """);
        command.Parameters.AddWithValue("case", caseId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<CaseDelivery>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new CaseDelivery(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt32(5),
                reader.GetFieldValue<DateTimeOffset>(6), reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7), reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return rows;
    }
}
