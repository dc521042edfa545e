using Npgsql;

namespace CaseFlow.Web.Office;

/// <summary>Which tasks of an office's queue to show.</summary>
public enum QueueFilter { All, Overdue, DueSoon, ClaimedByMe, Unclaimed }

/// <summary>A page of the queue: a key-set page (due date, then id) so a long queue costs the same on every page.</summary>
public sealed record QueuePage(IReadOnlyList<QueueItem> Items, QueueCursor? Next);

public sealed record QueueItem(Guid TaskId, Guid CaseId, string Title, string Procedure, string ProtocolNumber, DateTimeOffset CreatedAt,
    DateTimeOffset DueAt, string? ClaimedBy, bool Overdue, bool DueSoon);

/// <summary>Where the next page starts: after this due date and task id.</summary>
public sealed record QueueCursor(DateTimeOffset DueAt, Guid TaskId)
{
    public override string ToString() => $"{DueAt.UtcTicks}_{TaskId:N}";

    public static QueueCursor? Parse(string? text) =>
        text?.Split('_') is [var ticks, var id] && long.TryParse(ticks, out var t) && t is > 0 && t < DateTimeOffset.MaxValue.UtcTicks && Guid.TryParse(id, out var g)
            ? new QueueCursor(new DateTimeOffset(t, TimeSpan.Zero), g)
            : null;
}

/// <summary>
/// The open tasks of one office, most urgent first. A stop-gap inside the web project until the desk offers the queue as
/// a service (the lead's src/Cases); the SQL is the same as <c>GET /api/offices/{office}/tasks</c>, with filters and pages.
/// </summary>
public sealed class OfficeQueueQuery(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public const int PageSize = 20;

    public async Task<QueuePage> PageAsync(string office, QueueFilter filter, string actor, int dueSoonDays, QueueCursor? after, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var soon = now.AddDays(dueSoonDays);
        var condition = filter switch
        {
            QueueFilter.Overdue => "AND t.due_at < @now",
            QueueFilter.DueSoon => "AND t.due_at >= @now AND t.due_at <= @soon",
            QueueFilter.ClaimedByMe => "AND t.claimed_by = @actor",
            QueueFilter.Unclaimed => "AND t.claimed_by IS NULL",
            _ => "",
        };
        await using var command = dataSource.CreateCommand($"""
            SELECT t.id, t.case_id, t.title, p.name, p.protocol_number, t.created_at, t.due_at, t.claimed_by
            FROM case_tasks t JOIN case_procedures p ON p.id = t.procedure_id
            WHERE t.office = @office AND t.status = 'open' {condition}
              AND (@after_due IS NULL OR (t.due_at, t.id) > (@after_due, @after_id))
            ORDER BY t.due_at, t.id
            LIMIT {PageSize + 1}
            """);
        command.Parameters.AddWithValue("office", office);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("soon", soon);
        command.Parameters.AddWithValue("actor", actor);
        command.Parameters.Add(new NpgsqlParameter("after_due", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = (object?)after?.DueAt ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("after_id", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)after?.TaskId ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var items = new List<QueueItem>();
        while (await reader.ReadAsync(ct))
        {
            var due = reader.GetFieldValue<DateTimeOffset>(6);
            items.Add(new QueueItem(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5), due, reader.IsDBNull(7) ? null : reader.GetString(7), due < now, due >= now && due <= soon));
        }

        var more = items.Count > PageSize;
        var page = items.Take(PageSize).ToList();
        return new QueuePage(page, more ? new QueueCursor(page[^1].DueAt, page[^1].TaskId) : null);
    }
}
