using CaseFlow.Tests.Infrastructure;
using Npgsql;

namespace CaseFlow.Tests.Clock;

/// <summary>
/// The statements a step runs on one task's or one procedure's deadlines, and on a procedure's tasks, read a few rows
/// through an index on a desk-sized table: a task completion must not walk a million unfired deadlines.
/// </summary>
public sealed class DeadlineLookupPlanTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    // The shapes of DeadlineSchedule's statements and of the procedure's open tasks (substitute authority, case file).
    [Theory]
    [InlineData("DELETE FROM deadlines WHERE task_id = @id AND fired_at IS NULL AND target_due_at <> now()", "deadlines_task_pending")]
    [InlineData("DELETE FROM deadlines WHERE task_id = @id AND fired_at IS NULL", "deadlines_task_pending")]
    [InlineData("DELETE FROM deadlines WHERE procedure_id = @id AND task_id IS NULL AND fired_at IS NULL", "deadlines_procedure_pending")]
    [InlineData("DELETE FROM deadlines WHERE procedure_id = @id AND fired_at IS NULL", "deadlines_procedure_pending")]
    [InlineData("SELECT id FROM case_tasks WHERE procedure_id = @id AND status = 'open' ORDER BY due_at", "case_tasks_procedure")]
    public async Task A_step_reads_one_tasks_or_procedures_rows_through_an_index_among_a_hundred_thousand(string statement, string index)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        // 100,000 unfired deadlines and 50,000 open tasks of other procedures, analysed, all rolled back at the end.
        // Foreign keys are not checked here (replica role): the rows only need to exist for the planner.
        await using (var load = new NpgsqlCommand("""
            SET LOCAL session_replication_role = replica;
            INSERT INTO deadlines (id, case_id, procedure_id, task_id, kind, action, office, target_due_at, due_at, offset_label)
            SELECT gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), CASE WHEN i % 2 = 0 THEN gen_random_uuid() END,
                   CASE WHEN i % 2 = 0 THEN 'step' ELSE 'procedure' END, 'reminder', 'comune-anagrafe',
                   now() + i * interval '1 minute', now() + i * interval '1 minute', 'P-1D'
              FROM generate_series(1, 100000) i;
            INSERT INTO case_tasks (id, case_id, procedure_id, instance_id, bookmark_id, office, title, outcomes, created_at, due_at, status)
            SELECT gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'i' || i, 'b' || i, 'comune-anagrafe', 'Verifica', '{}', now(),
                   now() + i * interval '1 minute', 'open'
              FROM generate_series(1, 50000) i;
            ANALYZE deadlines;
            ANALYZE case_tasks;
            """, connection, transaction))
        {
            await load.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand("EXPLAIN " + statement, connection, transaction);
        explain.Parameters.AddWithValue("id", Guid.NewGuid());
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        var text = string.Join("\n", plan);
        Assert.Contains(index, text);
        Assert.DoesNotContain("Seq Scan", text);
    }
}
