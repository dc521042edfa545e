using CaseFlow.ServiceDefaults.Retention;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CaseFlow.Cases.Retention;

/// <summary>Deletes rows of one table older than a configured number of days, a thousand at a time.</summary>
internal abstract class ExpiredRecords(NpgsqlDataSource dataSource, string table, string timeColumn) : IRetentionRule
{
    private const int BatchSize = 1000;

    public abstract string Name { get; }

    protected abstract int Days { get; }

    public async Task<int> ApplyAsync(DateTimeOffset now, CancellationToken ct)
    {
        if (Days <= 0)
        {
            return 0;
        }

        var total = 0;
        while (true)
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            var deleted = await Db.ExecAsync(connection, null,
                $"DELETE FROM {table} WHERE ctid IN (SELECT ctid FROM {table} WHERE {timeColumn} < @cutoff LIMIT {BatchSize})", ct, ("cutoff", now.AddDays(-Days)));
            total += deleted;
            if (deleted < BatchSize)
            {
                return total;
            }
        }
    }
}

internal sealed class ExpiredCaseReads(NpgsqlDataSource dataSource, IOptions<RetentionOptions> options) : ExpiredRecords(dataSource, "case_reads", "at")
{
    public override string Name => "case-reads";

    protected override int Days => options.Value.ReadAuditDays;
}

internal sealed class ExpiredIdempotencyKeys(NpgsqlDataSource dataSource, IOptions<RetentionOptions> options) : ExpiredRecords(dataSource, "idempotency_keys", "created_at")
{
    public override string Name => "idempotency-keys";

    protected override int Days => options.Value.IdempotencyDays;
}
