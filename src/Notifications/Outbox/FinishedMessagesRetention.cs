using CaseFlow.ServiceDefaults.Retention;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CaseFlow.Notifications.Outbox;

/// <summary>Deletes messages in a final state older than <see cref="NotificationsOptions.RetainFinishedDays"/>, a thousand at a time.</summary>
internal sealed class FinishedMessagesRetention(NpgsqlDataSource dataSource, IOptions<NotificationsOptions> options) : IRetentionRule
{
    private const int BatchSize = 1000;

    public string Name => "outbox-messages";

    public async Task<int> ApplyAsync(DateTimeOffset now, CancellationToken ct)
    {
        var days = options.Value.RetainFinishedDays;
        if (days <= 0)
        {
            return 0;
        }

        var total = 0;
        while (true)
        {
            await using var command = dataSource.CreateCommand($"""
                DELETE FROM outbox_messages WHERE id IN (
                    SELECT id FROM outbox_messages WHERE status IN ('sent', 'failed', 'uncertain') AND created_at < @cutoff LIMIT {BatchSize})
                """);
            command.Parameters.AddWithValue("cutoff", now.AddDays(-days));
            var deleted = await command.ExecuteNonQueryAsync(ct);
            total += deleted;
            if (deleted < BatchSize)
            {
                return total;
            }
        }
    }
}
