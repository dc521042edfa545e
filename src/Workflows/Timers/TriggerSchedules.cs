using System.Text.Json.Nodes;
using CaseFlow.Workflows.Activities.Flow;
using CaseFlow.Workflows.Definitions;
using CaseFlow.Workflows.Expressions;
using CaseFlow.Workflows.Runtime;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CaseFlow.Workflows.Timers;

/// <summary>
/// Cron and Timer triggers (Elsa's scheduled triggers), run by the timer sweep. Each sweep first brings
/// <c>workflow_schedules</c> in step with what is published (a new published version gets its rows, a retracted or
/// replaced one loses them), then starts each due row's instance in the transaction that moves the row to its next
/// occurrence, claimed with <c>FOR UPDATE SKIP LOCKED</c>: with any number of hosts every occurrence starts exactly one
/// instance, and an occurrence missed while every host was down starts one instance when they return (not one per miss).
/// </summary>
public sealed class TriggerSchedules(NpgsqlDataSource dataSource, DefinitionStore definitions, WorkflowRuntime runtime, TimeProvider clock, ILogger<TriggerSchedules> logger)
{
    private static readonly string[] Types = [Cron.TypeName, Activities.Flow.Timer.TypeName];

    /// <returns>How many instances the due schedules started.</returns>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        await ReconcileAsync(ct);
        var started = 0;
        while (!ct.IsCancellationRequested && await StartNextDueAsync(ct))
        {
            started++;
        }

        if (started > 0)
        {
            logger.LogInformation("Started {Count} scheduled workflow instances", started);
        }

        return started;
    }

    private async Task ReconcileAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var gone = new NpgsqlCommand("""
            DELETE FROM workflow_schedules s WHERE NOT EXISTS (SELECT 1 FROM workflow_definitions d WHERE d.id = s.definition_version_id AND d.is_published)
            """, connection, transaction))
        {
            await gone.ExecuteNonQueryAsync(ct);
        }

        var now = clock.GetUtcNow();
        foreach (var type in Types)
        {
            foreach (var definition in await definitions.PublishedWithTriggerAsync(connection, transaction, type, ct))
            {
                foreach (var trigger in WorkflowRuntime.TriggersOf(definition, type))
                {
                    if (Describe(trigger) is not { } expression || First(type, expression, now) is not { } first)
                    {
                        logger.LogWarning("Trigger {ActivityId} of {DefinitionId} v{Version} has no schedule it can run on", trigger.Id, definition.DefinitionId, definition.Version);
                        continue;
                    }

                    // Another host may be adding the same row: the first one wins, and its first occurrence stands.
                    await using var add = new NpgsqlCommand("""
                        INSERT INTO workflow_schedules (definition_version_id, activity_id, definition_id, activity_type, expression, next_at)
                        VALUES (@v, @a, @d, @t, @e, @n) ON CONFLICT DO NOTHING
                        """, connection, transaction);
                    add.Parameters.AddWithValue("v", definition.Id);
                    add.Parameters.AddWithValue("a", trigger.Id);
                    add.Parameters.AddWithValue("d", definition.DefinitionId);
                    add.Parameters.AddWithValue("t", type);
                    add.Parameters.AddWithValue("e", expression);
                    add.Parameters.AddWithValue("n", first);
                    await add.ExecuteNonQueryAsync(ct);
                }
            }
        }

        await transaction.CommitAsync(ct);
    }

    /// <summary>Starts the instance of one due schedule and moves it on, in one transaction; false when nothing is due (or all is held).</summary>
    private async Task<bool> StartNextDueAsync(CancellationToken ct)
    {
        await using var work = await UnitOfWork.BeginAsync(dataSource, clock, "sistema", ct);
        string versionId, activityId, type, expression;
        DateTimeOffset dueAt;
        await using (var claim = new NpgsqlCommand("""
            SELECT s.definition_version_id, s.activity_id, s.activity_type, s.expression, s.next_at
            FROM workflow_schedules s JOIN workflow_definitions d ON d.id = s.definition_version_id AND d.is_published
            WHERE s.next_at <= @now ORDER BY s.next_at LIMIT 1 FOR UPDATE OF s SKIP LOCKED
            """, work.Connection, work.Transaction))
        {
            claim.Parameters.AddWithValue("now", work.Now);
            await using var reader = await claim.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
            {
                return false;
            }

            (versionId, activityId, type, expression, dueAt) = (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4));
        }

        var next = Next(type, expression, dueAt, work.Now);
        await using (var move = new NpgsqlCommand(next is null
            ? "DELETE FROM workflow_schedules WHERE definition_version_id = @v AND activity_id = @a"
            : "UPDATE workflow_schedules SET next_at = @n WHERE definition_version_id = @v AND activity_id = @a", work.Connection, work.Transaction))
        {
            move.Parameters.AddWithValue("v", versionId);
            move.Parameters.AddWithValue("a", activityId);
            if (next is not null)
            {
                move.Parameters.AddWithValue("n", next.Value);
            }

            await move.ExecuteNonQueryAsync(ct);
        }

        var definition = await definitions.FindByIdAsync(versionId, ct);
        if (definition is not null)
        {
            // The input Elsa's scheduler gives an instance its trigger started.
            var input = type == Cron.TypeName
                ? new JsonObject { ["CronExpression"] = expression }
                : new JsonObject { ["StartAt"] = dueAt.ToString("O"), ["Interval"] = expression };
            await runtime.StartAtTriggerAsync(work, definition, activityId, input, null, ct);
        }

        await work.CommitAsync(ct);
        return true;
    }

    /// <summary>The schedule a trigger runs on: a cron expression, or an interval as d.hh:mm:ss.</summary>
    private static string? Describe(ActivityNode trigger)
    {
        if (trigger.Type == Cron.TypeName)
        {
            return WorkflowRuntime.TriggerInput(trigger, "cronExpression");
        }

        try
        {
            return WorkflowRuntime.TriggerInput(trigger, "interval") is { } interval ? ActivityContext.ParseTimeSpan(interval, "interval").ToString("c") : null;
        }
        catch (ExpressionException)
        {
            return null;
        }
    }

    /// <summary>When a newly published trigger first starts an instance: Elsa starts a timer one interval after publishing.</summary>
    private static DateTimeOffset? First(string type, string expression, DateTimeOffset now)
    {
        try
        {
            if (type == Cron.TypeName)
            {
                return Cron.NextAfter(expression, now);
            }

            var interval = TimeSpan.Parse(expression, System.Globalization.CultureInfo.InvariantCulture);
            return interval > TimeSpan.Zero ? now + interval : null;
        }
        catch (Exception ex) when (ex is ExpressionException or FormatException or OverflowException)
        {
            return null;
        }
    }

    /// <summary>The occurrence after the one due at <paramref name="dueAt"/> that is still to come; null when there is none.</summary>
    private static DateTimeOffset? Next(string type, string expression, DateTimeOffset dueAt, DateTimeOffset now)
    {
        try
        {
            if (type == Cron.TypeName)
            {
                return Cron.NextAfter(expression, now > dueAt ? now : dueAt);
            }

            var interval = TimeSpan.Parse(expression, System.Globalization.CultureInfo.InvariantCulture);
            if (interval <= TimeSpan.Zero)
            {
                return null;
            }

            var missed = Math.Max(0, (long)Math.Floor((now - dueAt) / interval));
            return dueAt + (missed + 1) * interval;
        }
        catch (Exception ex) when (ex is ExpressionException or FormatException or OverflowException)
        {
            return null;
        }
    }
}
