using System.Globalization;
using CaseFlow.ServiceDefaults.Outcomes;
using Npgsql;

namespace CaseFlow.Notifications.Operators;

/// <summary>
/// One page of a status's messages, newest first: <paramref name="Older"/> continues after the last row of a page,
/// <paramref name="Newer"/> comes back before its first one. Both are keys, never offsets.
/// </summary>
public sealed record NotificationPageQuery(string Status, string? Older = null, string? Newer = null, int Size = NotificationPages.DefaultSize);

/// <summary>The rows of a page, how many messages have the status, and the keys of the pages either side (null at an end).</summary>
public sealed record NotificationPage(IReadOnlyList<NotificationView> Items, long Total, string? Older, string? Newer);

/// <summary>
/// The supervisors' list of messages that ended <c>failed</c> or <c>uncertain</c>, paged by (created_at, id): an outage
/// can leave thousands, and a page deep in the list costs what the first one does (the status index is read from the key on).
/// </summary>
public sealed class NotificationPages(NpgsqlDataSource dataSource)
{
    public const int DefaultSize = 25;

    public async Task<Outcome<NotificationPage>> PageAsync(NotificationPageQuery query, CancellationToken ct)
    {
        if (!NotificationOperators.Statuses.Contains(query.Status))
        {
            return Problem.Validation("status", $"Lo stato è uno di {string.Join(", ", NotificationOperators.Statuses)}. / status must be one of {string.Join(", ", NotificationOperators.Statuses)}.");
        }

        if (query.Size is < 1 or > 200)
        {
            return Problem.Validation("size", "Da 1 a 200 messaggi per pagina. / size must be between 1 and 200.");
        }

        if (query.Older is not null && query.Newer is not null)
        {
            return Problem.Validation("newer", "Indicare una sola direzione. / Give either older or newer, not both.");
        }

        var (field, text) = query.Newer is null ? ("older", query.Older) : ("newer", query.Newer);
        (DateTimeOffset At, Guid Id)? key = null;
        if (text is not null)
        {
            if (ParseKey(text) is not { } parsed)
            {
                return Problem.Validation(field, "Il riferimento della pagina non è valido. / The page key is not valid.");
            }

            key = parsed;
        }

        var backwards = query.Newer is not null;
        await using var command = dataSource.CreateCommand(Sql(key is not null, backwards));
        command.Parameters.AddWithValue("status", query.Status);
        command.Parameters.AddWithValue("limit", query.Size + 1);
        if (key is { } k)
        {
            command.Parameters.AddWithValue("at", k.At);
            command.Parameters.AddWithValue("id", k.Id);
        }

        var rows = await NotificationRows.ReadAsync(command, withBodies: false, ct);
        var more = rows.Count > query.Size;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        if (backwards && !more)
        {
            // Back at the newest messages: the first page itself, full, rather than the few rows newer than the key.
            return await PageAsync(query with { Newer = null }, ct);
        }

        if (backwards)
        {
            rows.Reverse();
        }

        await using var count = dataSource.CreateCommand("SELECT count(*) FROM outbox_messages WHERE status = @status");
        count.Parameters.AddWithValue("status", query.Status);
        var total = (long)(await count.ExecuteScalarAsync(ct))!;

        // Going back, the page we came from is older; going forward, the page we came from is newer.
        var hasOlder = backwards ? key is not null : more;
        var hasNewer = backwards ? more : key is not null;
        return new NotificationPage(rows, total,
            hasOlder && rows.Count > 0 ? KeyOf(rows[^1]) : null,
            hasNewer && rows.Count > 0 ? KeyOf(rows[0]) : null);
    }

    /// <summary>The page's statement: from the key on (or from the newest), in the direction asked, one row more than the page.</summary>
    internal static string Sql(bool keyed, bool backwards)
    {
        // created_at <= @at is the index condition; the tie on the same instant is broken by id.
        var condition = !keyed ? "" : backwards
            ? "AND created_at >= @at AND (created_at > @at OR id > @id)"
            : "AND created_at <= @at AND (created_at < @at OR id < @id)";
        var order = backwards ? "created_at, id" : "created_at DESC, id DESC";
        return $"""
            SELECT {NotificationRows.Columns} FROM outbox_messages
             WHERE status = @status {condition}
             ORDER BY {order}
             LIMIT @limit
            """;
    }

    /// <summary>"microseconds since the epoch.id": what PostgreSQL stores, so the key meets its row exactly.</summary>
    public static string KeyOf(NotificationView row) =>
        $"{(row.CreatedAt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10}.{row.Id:N}";

    private static (DateTimeOffset, Guid)? ParseKey(string text) =>
        text.Split('.') is [var micros, var id]
        && long.TryParse(micros, NumberStyles.None, CultureInfo.InvariantCulture, out var us) && us < 253402300800000000L
        && Guid.TryParseExact(id, "N", out var guid)
            ? (DateTimeOffset.UnixEpoch.AddTicks(us * 10), guid)
            : null;
}
