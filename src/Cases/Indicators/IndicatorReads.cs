using Npgsql;

namespace CaseFlow.Cases.Indicators;

internal sealed record IntakeCount(DateOnly Day, string Definition, string Channel, long N);

/// <summary>Procedures concluded in a month of the period whose <paramref name="Measure"/> was <paramref name="Days"/>.</summary>
internal sealed record MeasureCount(DateOnly Month, string Definition, string Measure, int Days, long N);

/// <summary>Answers with a score; <paramref name="Definition"/> null for the totals (a case answers once, whatever its procedures).</summary>
internal sealed record ScoreCount(string? Definition, string Channel, short Score, long N);

/// <summary>Follow-up aspects chosen; <paramref name="Definition"/> null for the totals, as for the scores.</summary>
internal sealed record AspectCount(string? Definition, string Aspect, long N);

internal sealed record SatisfactionRows(List<ScoreCount> Scores, List<AspectCount> Aspects);

/// <summary>One read's SQL and parameters (the benchmark explains the same statements).</summary>
internal sealed record Statement(string Sql, (string, object?)[] Parameters);

internal sealed record BacklogResult(List<BacklogRow> Offices, Dictionary<string, long> OpenByProcedure);

/// <summary>The SQL of the indicators: each read is one statement over a rollup or an index of open work.</summary>
internal static class IndicatorReads
{
    private const string Filters = """
        AND (@procedure::text IS NULL OR definition = @procedure) AND (@agency::text IS NULL OR agency = @agency)
        AND (@office::text IS NULL OR office = @office) AND (@channel::text IS NULL OR channel = @channel)
        """;

    public static async Task<List<IntakeCount>> IntakeAsync(NpgsqlConnection c, IndicatorFilter f, CancellationToken ct)
    {
        await using var command = Open(c, IntakeStatement(f));
        var rows = new List<IntakeCount>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new IntakeCount(reader.GetFieldValue<DateOnly>(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3)));
        }

        return rows;
    }

    internal static Statement IntakeStatement(IndicatorFilter f) => new($"""
        SELECT day, definition, channel, sum(n)::bigint FROM indicator_intake_daily
        WHERE day BETWEEN @from AND @to {Filters}
        GROUP BY day, definition, channel
        """, Parameters(f));

    /// <summary>
    /// Whole months of the period from the monthly histograms, the days before the first and after the last whole month
    /// from the daily ones: the same pairs either way (<c>indicator_measures</c>), so any period is exact.
    /// </summary>
    public static async Task<List<MeasureCount>> ConcludedAsync(NpgsqlConnection c, IndicatorFilter f, CancellationToken ct)
    {
        await using var command = Open(c, ConcludedStatement(f));
        var rows = new List<MeasureCount>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new MeasureCount(reader.GetFieldValue<DateOnly>(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt64(4)));
        }

        return rows;
    }

    internal static Statement ConcludedStatement(IndicatorFilter f)
    {
        var (firstWhole, afterWhole) = WholeMonths(f.From, f.To);
        return new($"""
            SELECT month, definition, measure, days, sum(n)::bigint FROM (
                SELECT month, definition, measure, days, n FROM indicator_concluded_monthly
                WHERE month >= @firstWhole AND month < @afterWhole {Filters}
                UNION ALL
                SELECT date_trunc('month', day)::date, definition, measure, days, n FROM indicator_concluded_daily
                WHERE ((day >= @from AND day < @firstWhole) OR (day >= @afterWhole AND day <= @to)) {Filters}
            ) counted
            GROUP BY month, definition, measure, days
            """, [.. Parameters(f), ("firstWhole", firstWhole), ("afterWhole", afterWhole)]);
    }

    /// <summary>The first day of the first month wholly inside the period and the first day after the last one (equal: none).</summary>
    internal static (DateOnly FirstWhole, DateOnly AfterWhole) WholeMonths(DateOnly from, DateOnly to)
    {
        var first = from.Day == 1 ? from : new DateOnly(from.Year, from.Month, 1).AddMonths(1);
        var after = to.AddDays(1).Day == 1 ? to.AddDays(1) : new DateOnly(to.Year, to.Month, 1);
        return first < after ? (first, after) : (to.AddDays(1), to.AddDays(1));
    }

    /// <summary>Open procedures (age since receipt, due date) and open office steps per office, now; the period does not apply.</summary>
    public static async Task<BacklogResult> BacklogAsync(NpgsqlConnection c, IndicatorFilter f, DateTimeOffset now, DateTimeOffset soon, CancellationToken ct)
    {
        var offices = new Dictionary<string, BacklogRow>();
        var byProcedure = new Dictionary<string, long>();
        await using (var command = Open(c, OpenProceduresStatement(f, now, soon)))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var office = reader.GetString(0);
                var row = offices.GetValueOrDefault(office) ?? new BacklogRow(office, office, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
                offices[office] = row with
                {
                    Open = row.Open + reader.GetInt64(2), Overdue = row.Overdue + reader.GetInt64(3), DueSoon = row.DueSoon + reader.GetInt64(4),
                    Days0To15 = row.Days0To15 + reader.GetInt64(5), Days16To30 = row.Days16To30 + reader.GetInt64(6), Days31To60 = row.Days31To60 + reader.GetInt64(7),
                    DaysOver60 = row.DaysOver60 + reader.GetInt64(8),
                };
                byProcedure[reader.GetString(1)] = byProcedure.GetValueOrDefault(reader.GetString(1)) + reader.GetInt64(2);
            }
        }

        // Steps are counted at the office that holds them (an ASL opinion at the ASL), filtered by their procedure.
        await using (var command = Open(c, OpenStepsStatement(f, now, soon)))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var office = reader.GetString(0);
                var row = offices.GetValueOrDefault(office) ?? new BacklogRow(office, office, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
                offices[office] = row with { OpenSteps = reader.GetInt64(1), OverdueSteps = reader.GetInt64(2), DueSoonSteps = reader.GetInt64(3) };
            }
        }

        return new BacklogResult([.. offices.Values.OrderBy(o => o.Office, StringComparer.Ordinal)], byProcedure);
    }

    /// <summary>Answers given in the period (Rome dates), the totals once per case and each procedure of the case apart.</summary>
    public static async Task<SatisfactionRows> SatisfactionAsync(NpgsqlConnection c, IndicatorFilter f, CancellationToken ct)
    {
        var rows = new List<ScoreCount>();
        await using (var command = Open(c, SatisfactionStatement(f)))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Add(new ScoreCount(reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetString(1), reader.GetInt16(2), reader.GetInt64(3)));
            }
        }

        var aspects = new List<AspectCount>();
        await using (var command = Open(c, AspectsStatement(f)))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                aspects.Add(new AspectCount(reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
            }
        }

        return new SatisfactionRows(rows, aspects);
    }

    internal static Statement AspectsStatement(IndicatorFilter f) => new($"""
        SELECT NULL::text, aspect, sum(n)::bigint FROM indicator_aspects_daily
        WHERE day BETWEEN @from AND @to {Filters} {(f.Procedure is null && f.Agency is null && f.Office is null ? "AND first" : "")}
        GROUP BY aspect
        UNION ALL
        SELECT definition, aspect, sum(n)::bigint FROM indicator_aspects_daily
        WHERE day BETWEEN @from AND @to {Filters}
        GROUP BY definition, aspect
        """, Parameters(f));

    /// <summary>The scadenziario's open due dates (one escalation row per open step or procedure and due date) per Rome day.</summary>
    public static async Task<Dictionary<DateOnly, long>> DuePerDayAsync(NpgsqlConnection c, IndicatorFilter f, CancellationToken ct)
    {
        await using var command = Open(c, DuePerDayStatement(f));
        var days = new Dictionary<DateOnly, long>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            days[reader.GetFieldValue<DateOnly>(0)] = reader.GetInt64(1);
        }

        return days;
    }

    // Ages are compared as instants (received on or after the start of the Rome day 15, 30, 60 days ago): no time-zone
    // conversion per open procedure.
    internal static Statement OpenProceduresStatement(IndicatorFilter f, DateTimeOffset now, DateTimeOffset soon)
    {
        var today = RomeTime.DateOf(now);
        return new("""
            SELECT office, procedure_id, count(*), count(*) FILTER (WHERE due_at < @now), count(*) FILTER (WHERE due_at >= @now AND due_at < @soon),
                   count(*) FILTER (WHERE received_at >= @age15), count(*) FILTER (WHERE received_at < @age15 AND received_at >= @age30),
                   count(*) FILTER (WHERE received_at < @age30 AND received_at >= @age60), count(*) FILTER (WHERE received_at < @age60)
            FROM case_procedures
            WHERE closed_at IS NULL
              AND (@procedure::text IS NULL OR procedure_id = @procedure) AND (@agency::text IS NULL OR agency = @agency)
              AND (@office::text IS NULL OR office = @office) AND (@channel::text IS NULL OR channel = @channel)
            GROUP BY office, procedure_id
            """, [.. Parameters(f), ("now", now), ("soon", soon), ("age15", RomeTime.StartOf(today.AddDays(-15))),
                ("age30", RomeTime.StartOf(today.AddDays(-30))), ("age60", RomeTime.StartOf(today.AddDays(-60)))]);
    }

    // Joins only for the filters asked: without them the open steps and due dates are read from their own indexes.
    internal static Statement OpenStepsStatement(IndicatorFilter f, DateTimeOffset now, DateTimeOffset soon) => new($"""
        SELECT t.office, count(*), count(*) FILTER (WHERE t.due_at < @now), count(*) FILTER (WHERE t.due_at >= @now AND t.due_at < @soon)
        FROM case_tasks t
        WHERE t.status = 'open' AND (@office::text IS NULL OR t.office = @office)
          {ProcedureOf("t.procedure_id", f)} {ChannelOf("t.case_id", f)}
        GROUP BY t.office
        """, [.. Parameters(f), ("now", now), ("soon", soon)]);

    /// <summary>Totals once per answer (the case's first procedure) unless a procedure, agency or office is asked: then once per matching procedure.</summary>
    internal static Statement SatisfactionStatement(IndicatorFilter f) => new($"""
        SELECT NULL::text, channel, score, sum(n)::bigint FROM indicator_satisfaction_daily
        WHERE day BETWEEN @from AND @to {Filters} {(f.Procedure is null && f.Agency is null && f.Office is null ? "AND first" : "")}
        GROUP BY channel, score
        UNION ALL
        SELECT definition, channel, score, sum(n)::bigint FROM indicator_satisfaction_daily
        WHERE day BETWEEN @from AND @to {Filters}
        GROUP BY definition, channel, score
        """, Parameters(f));

    internal static Statement DuePerDayStatement(IndicatorFilter f) => new($"""
        SELECT indicator_rome_date(d.target_due_at), count(*)
        FROM deadlines d
        WHERE d.action = 'escalation' AND d.fired_at IS NULL AND d.due_at >= @start AND d.due_at < @end AND (@office::text IS NULL OR d.office = @office)
          {ProcedureOf("d.procedure_id", f)} {ChannelOf("d.case_id", f)}
        GROUP BY 1
        """, [.. Parameters(f), ("start", RomeTime.StartOf(f.From)), ("end", RomeTime.StartOf(f.To.AddDays(1)))]);

    private static string ProcedureOf(string column, IndicatorFilter f) => f.Procedure is null && f.Agency is null ? "" : $"""
        AND EXISTS (SELECT 1 FROM case_procedures p WHERE p.id = {column}
            AND (@procedure::text IS NULL OR p.procedure_id = @procedure) AND (@agency::text IS NULL OR p.agency = @agency))
        """;

    private static string ChannelOf(string column, IndicatorFilter f) => f.Channel is null ? "" : $"AND EXISTS (SELECT 1 FROM cases k WHERE k.id = {column} AND k.channel = @channel)";

    private static NpgsqlCommand Open(NpgsqlConnection c, Statement statement) => Db.Command(c, null, statement.Sql, statement.Parameters);

    /// <summary>Every statement of one report, named, for the benchmark's EXPLAIN ANALYZE.</summary>
    internal static IEnumerable<(string Name, Statement Statement)> All(IndicatorFilter f, DateTimeOffset now, DateTimeOffset soon) =>
    [
        ("intake", IntakeStatement(f)), ("concluded", ConcludedStatement(f)), ("open procedures", OpenProceduresStatement(f, now, soon)),
        ("open steps", OpenStepsStatement(f, now, soon)), ("satisfaction", SatisfactionStatement(f)), ("aspects", AspectsStatement(f)), ("due per day", DuePerDayStatement(f)),
    ];

    private static (string, object?)[] Parameters(IndicatorFilter f) =>
        [("from", f.From), ("to", f.To), ("procedure", f.Procedure), ("agency", f.Agency), ("office", f.Office), ("channel", f.Channel)];
}
