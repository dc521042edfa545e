using System.Text.Json.Nodes;
using CaseFlow.ServiceDefaults.Retention;
using CaseFlow.Workflows.Runtime;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CaseFlow.Cases.Retention;

/// <summary>
/// Erases the personal data of cases closed longer than <see cref="RetentionOptions.ClosedCaseDays"/>: the citizen, the
/// forms, the documents' content, the messages' text and recipients, notes and free-text answers, and the finished
/// workflow instances with their input. What remains (procedures, dates, outcomes, protocol numbers, public timeline)
/// still feeds the indicators. Each batch is one transaction, with an audit entry per case.
/// </summary>
internal sealed class ClosedCaseErasure(NpgsqlDataSource dataSource, WorkflowRuntime runtime, IOptions<RetentionOptions> options, TimeProvider clock) : IRetentionRule
{
    private const int BatchSize = 100;

    public string Name => "closed-cases";

    public async Task<int> ApplyAsync(DateTimeOffset now, CancellationToken ct)
    {
        if (options.Value.ClosedCaseDays <= 0)
        {
            return 0;
        }

        var cutoff = now.AddDays(-options.Value.ClosedCaseDays);
        var total = 0;
        while (true)
        {
            var erased = await EraseBatchAsync(cutoff, ct);
            total += erased;
            if (erased < BatchSize)
            {
                return total;
            }
        }
    }

    private async Task<int> EraseBatchAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        await using var work = await UnitOfWork.BeginAsync(dataSource, clock, CaseActor.Name, ct);
        var (c, tx) = (work.Connection, work.Transaction);
        var ids = new List<Guid>();
        await using (var select = Db.Command(c, tx, """
            SELECT id FROM cases WHERE status = 'closed' AND closed_at < @cutoff AND erased_at IS NULL ORDER BY closed_at LIMIT @batch FOR UPDATE SKIP LOCKED
            """, ("cutoff", cutoff), ("batch", BatchSize)))
        await using (var reader = await select.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                ids.Add(reader.GetGuid(0));
            }
        }

        if (ids.Count == 0)
        {
            return 0;
        }

        var cases = ids.ToArray();
        var instances = new List<string>();
        await using (var select = Db.Command(c, tx, "SELECT instance_id FROM case_procedures WHERE case_id = ANY(@ids)", ("ids", cases)))
        await using (var reader = await select.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                instances.Add(reader.GetString(0));
            }
        }

        // The fiscal code is kept only as a one-way hash: enough to count distinct applicants, useless to find a person.
        await Db.ExecAsync(c, tx, """
            UPDATE cases SET citizen = jsonb_build_object('erased', true), received_at_reason = NULL, erased_at = @now,
                fiscal_code = 'erased:' || encode(sha256(convert_to(fiscal_code, 'UTF8')), 'hex')
            WHERE id = ANY(@ids);
            UPDATE case_procedures SET form_data = '{}'::jsonb, final_act = NULL WHERE case_id = ANY(@ids);
            UPDATE case_tasks SET note = NULL WHERE case_id = ANY(@ids);
            UPDATE case_documents SET content = ''::bytea, file_name = 'documento-cancellato' WHERE case_id = ANY(@ids);
            UPDATE case_messages SET text = NULL, recipient = NULL WHERE case_id = ANY(@ids);
            UPDATE case_events SET text = 'Contenuto cancellato (conservazione scaduta)' WHERE case_id = ANY(@ids) AND NOT public;
            UPDATE case_satisfaction SET comment = NULL WHERE case_id = ANY(@ids);
            """, ct, ("ids", cases), ("now", work.Now));
        await runtime.DeleteFinishedAsync(work, instances, ct);
        foreach (var id in cases)
        {
            await CaseJournal.AuditAsync(c, tx, work.Now, "case", id, "erased", null,
                new JsonObject { ["reason"] = $"retention: closed more than {options.Value.ClosedCaseDays} days" }, ct);
        }

        await work.CommitAsync(ct);
        return cases.Length;
    }
}
