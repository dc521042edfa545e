using CaseFlow.ServiceDefaults.Retention;
using Npgsql;

namespace CaseFlow.Cases.Drafts;

/// <summary>The retention rule of drafts: once past their expiry they are deleted with their files, a thousand at a time.</summary>
internal sealed class ExpiredDrafts(NpgsqlDataSource dataSource) : IRetentionRule
{
    private const int BatchSize = 1000;

    public string Name => "application-drafts";

    public async Task<int> ApplyAsync(DateTimeOffset now, CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            var deleted = await Db.ExecAsync(connection, null,
                $"DELETE FROM application_drafts WHERE id IN (SELECT id FROM application_drafts WHERE expires_at <= @now LIMIT {BatchSize})", ct, ("now", now));
            total += deleted;
            if (deleted < BatchSize)
            {
                return total;
            }
        }
    }
}
