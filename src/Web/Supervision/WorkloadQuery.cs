using Npgsql;

namespace CaseFlow.Web.Supervision;

public sealed record OfficeWorkload(string Office, int Open, int Overdue, int DueSoon, int Unclaimed);

/// <summary>
/// Open, overdue and due-soon tasks per office, in one round trip. A stop-gap inside the web project until the desk
/// offers workload as a service (the lead's src/Cases).
/// </summary>
public sealed class WorkloadQuery(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public async Task<IReadOnlyDictionary<string, OfficeWorkload>> PerOfficeAsync(int dueSoonDays, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var command = dataSource.CreateCommand("""
            SELECT office, count(*), count(*) FILTER (WHERE due_at < @now),
                   count(*) FILTER (WHERE due_at >= @now AND due_at <= @soon), count(*) FILTER (WHERE claimed_by IS NULL)
            FROM case_tasks WHERE status = 'open' GROUP BY office
            """);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("soon", now.AddDays(dueSoonDays));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var result = new Dictionary<string, OfficeWorkload>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            var office = reader.GetString(0);
            result[office] = new OfficeWorkload(office, (int)reader.GetInt64(1), (int)reader.GetInt64(2), (int)reader.GetInt64(3), (int)reader.GetInt64(4));
        }

        return result;
    }
}
