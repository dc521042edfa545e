using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CaseFlow.Tests.Indicators;

/// <summary>The indicators of <see cref="IndicatorScenario"/> against the values computed by hand in its comment, to the day.</summary>
public sealed partial class IndicatorExactnessTests(IndicatorScenario scenario) : IClassFixture<IndicatorScenario>
{
    private async Task<JsonObject> IndicatorsAsync(string query)
    {
        var response = await (await scenario.Host.Desk.Supervisor).GetAsync($"/api/indicators?{query}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!.AsObject();
    }

    private static double? Number(JsonNode? node) => node?.GetValue<double>();

    [Fact]
    public async Task Each_concluded_procedure_has_its_facts_to_the_day()
    {
        async Task<string> FactsAsync(string name) => (await scenario.Host.Desk.ScalarAsync<string>("""
            SELECT concat_ws('|', f.kind, f.received_on, f.concluded_on, f.due_on, f.gross_days, f.stopped_days, f.net_days, f.delay_days, f.charge_days, f.substitute, f.channel)
            FROM indicator_concluded f JOIN case_procedures p ON p.id = f.procedure_id WHERE p.case_id = @id
            """, ("id", Guid.Parse(scenario.Cases[name]))))!;

        Assert.Equal("act|2026-11-23|2026-12-18|2027-01-30|25|8|17|-43|2|f|desk", await FactsAsync("A"));
        Assert.Equal("act|2026-11-23|2026-12-14|2027-01-22|21|15|6|-39|1|f|online", await FactsAsync("B"));
        Assert.Equal("flow|2026-11-23|2027-01-11|2027-01-08|49|8|41|3|8|f|pec", await FactsAsync("C"));
        Assert.Equal("silence-assent|2026-11-23|2027-01-08|2027-01-07|46|0|46|1|1|f|desk", await FactsAsync("D"));
        Assert.Equal("act|2026-11-23|2027-02-05|2027-01-22|74|0|74|14|70|t|post", await FactsAsync("E"));
        Assert.Equal(0, await scenario.Host.Desk.ScalarAsync<long>("SELECT count(*) FROM indicator_concluded f JOIN case_procedures p ON p.id = f.procedure_id WHERE p.case_id = @id",
            ("id", Guid.Parse(scenario.Cases["G"]))));
    }

    [Fact]
    public async Task Over_whole_months_the_times_desk_share_channels_satisfaction_and_backlog_match_the_hand_computation()
    {
        var report = await IndicatorsAsync("from=2026-11-01&to=2027-02-28");

        // Received: A–E on 23 Nov, G on 1 Feb; at the desk A and D.
        Assert.Equal(2, report["deskShare"]!["desk"]!.GetValue<long>());
        Assert.Equal(6, report["deskShare"]!["total"]!.GetValue<long>());
        Assert.Equal(0.3333, Number(report["deskShare"]!["ratio"]));
        var channels = report["channels"]!.AsObject();
        Assert.Equal((2, 2, 1, 1, 0), (channels["desk"]!.GetValue<long>(), channels["online"]!.GetValue<long>(), channels["pec"]!.GetValue<long>(),
            channels["post"]!.GetValue<long>(), channels["email"]!.GetValue<long>()));

        var times = report["times"]!.AsObject();
        // Concluded by an act or the flow: A, B, C, E; D (silence-assent) apart.
        Assert.Equal(4, times["concluded"]!.GetValue<long>());
        Assert.Equal(2, times["withinTerm"]!.GetValue<long>());
        Assert.Equal(0.5, Number(times["withinTermRatio"]));
        // Net 6, 17, 41, 74: median (17 + 41) / 2 = 29; p90 at rank 0.9 × 3 = 2.7: 41 + 0.7 × 33 = 64.1; mean 138 / 4 = 34.5.
        Assert.Equal(29, Number(times["medianNetDays"]));
        Assert.Equal(64.1, Number(times["p90NetDays"]));
        Assert.Equal(34.5, Number(times["meanNetDays"]));
        // Gross 21, 25, 49, 74: median 37, mean 169 / 4 = 42.25.
        Assert.Equal(37, Number(times["medianGrossDays"]));
        Assert.Equal(42.25, Number(times["meanGrossDays"]));
        // Late: C by 3 days, E by 14 against its own term: average 8.5.
        Assert.Equal(2, times["late"]!.GetValue<long>());
        Assert.Equal(8.5, Number(times["averageDelay"]));
        Assert.Equal(1, times["silenceAssent"]!.GetValue<long>());
        Assert.Equal(1, times["substitute"]!.GetValue<long>());
        // Taken in charge after 2 (A), 1 (B), 8 (C), 70 (E) days: median (2 + 8) / 2 = 5.
        Assert.Equal(5, Number(times["takenInChargeMedianDays"]));

        // Satisfaction: 3, 5, 4.
        var satisfaction = report["satisfaction"]!.AsObject();
        Assert.Equal(3, satisfaction["answers"]!.GetValue<long>());
        Assert.Equal(4, Number(satisfaction["mean"]));
        Assert.Equal((0L, 0L, 1L, 1L, 1L), (satisfaction["distribution"]!["1"]!.GetValue<long>(), satisfaction["distribution"]!["2"]!.GetValue<long>(),
            satisfaction["distribution"]!["3"]!.GetValue<long>(), satisfaction["distribution"]!["4"]!.GetValue<long>(), satisfaction["distribution"]!["5"]!.GetValue<long>()));

        // Backlog now (8 Mar): G, received 1 Feb (35 days ago), due 3 Mar, its first step open at the school office.
        var school = Assert.Single(report["backlog"]!.AsArray(), b => b!["open"]!.GetValue<long>() > 0)!;
        Assert.Equal("comune-servizi-scolastici", school["office"]!.GetValue<string>());
        Assert.Equal((1L, 1L, 0L, 0L, 1L, 0L), (school["open"]!.GetValue<long>(), school["overdue"]!.GetValue<long>(), school["dueSoon"]!.GetValue<long>(),
            school["days0To15"]!.GetValue<long>(), school["days31To60"]!.GetValue<long>(), school["daysOver60"]!.GetValue<long>()));
        Assert.Equal(1, school["openSteps"]!.GetValue<long>());

        // By procedure: contributo-anziani is A (net 17, within) and E (net 74, late).
        var anziani = report["byProcedure"]!.AsArray().Single(p => p!["procedure"]!.GetValue<string>() == "contributo-anziani")!;
        Assert.Equal(2, anziani["times"]!["concluded"]!.GetValue<long>());
        Assert.Equal(45.5, Number(anziani["times"]!["medianNetDays"]));
        Assert.Equal(1, anziani["times"]!["late"]!.GetValue<long>());
        Assert.Equal(2, anziani["satisfaction"]!["answers"]!.GetValue<long>());
        var residenza = report["byProcedure"]!.AsArray().Single(p => p!["procedure"]!.GetValue<string>() == "cambio-residenza")!;
        Assert.Equal((1L, 1L, 2L), (residenza["times"]!["concluded"]!.GetValue<long>(), residenza["times"]!["silenceAssent"]!.GetValue<long>(),
            residenza["deskShare"]!["total"]!.GetValue<long>()));

        // By month: December concluded A and B (both within), January C (late), February E (late).
        var months = report["byMonth"]!.AsArray().ToDictionary(m => m!["month"]!.GetValue<string>());
        Assert.Equal((5L, 0L, 2L, 2L), (months["2026-11"]!["received"]!.GetValue<long>(), months["2026-11"]!["concluded"]!.GetValue<long>(),
            months["2026-12"]!["concluded"]!.GetValue<long>(), months["2026-12"]!["withinTerm"]!.GetValue<long>()));
        Assert.Equal((1L, 1L, 1L), (months["2027-01"]!["concluded"]!.GetValue<long>(), months["2027-01"]!["silenceAssent"]!.GetValue<long>(),
            months["2027-02"]!["concluded"]!.GetValue<long>()));
    }

    [Fact]
    public async Task A_period_cut_inside_months_counts_the_edge_days_from_the_facts_and_stays_exact()
    {
        // 15 Dec – 10 Feb: January whole from the monthly rollup, 15–31 Dec and 1–10 Feb from the facts.
        var report = await IndicatorsAsync("from=2026-12-15&to=2027-02-10");

        var times = report["times"]!.AsObject();
        // A (18 Dec, net 17, gross 25), C (11 Jan, 41, 49), E (5 Feb, 74, 74); B (14 Dec) is outside; D apart.
        Assert.Equal(3, times["concluded"]!.GetValue<long>());
        Assert.Equal(1, times["withinTerm"]!.GetValue<long>());
        Assert.Equal(0.3333, Number(times["withinTermRatio"]));
        Assert.Equal(41, Number(times["medianNetDays"]));
        Assert.Equal(49, Number(times["medianGrossDays"]));
        Assert.Equal(1, times["silenceAssent"]!.GetValue<long>());
        // Received in the period: G only.
        Assert.Equal((0L, 1L), (report["deskShare"]!["desk"]!.GetValue<long>(), report["deskShare"]!["total"]!.GetValue<long>()));
        // Answers given in the period: A's 5 (19 Dec) and E's 4 (6 Feb); B's of 14 Dec is outside.
        Assert.Equal(2, report["satisfaction"]!["answers"]!.GetValue<long>());
        Assert.Equal(4.5, Number(report["satisfaction"]!["mean"]));

        // Filters narrow every block: by channel pec only C remains (late by 3).
        var pec = await IndicatorsAsync("from=2026-12-15&to=2027-02-10&channel=pec");
        Assert.Equal((1L, 0L, 1L), (pec["times"]!["concluded"]!.GetValue<long>(), pec["times"]!["withinTerm"]!.GetValue<long>(), pec["times"]!["late"]!.GetValue<long>()));
        Assert.Equal(3, Number(pec["times"]!["averageDelay"]));
        // By office: the substitute office concluded E.
        var substitute = await IndicatorsAsync("from=2026-11-01&to=2027-02-28&office=comune-protocollo");
        Assert.Equal((1L, 1L), (substitute["times"]!["concluded"]!.GetValue<long>(), substitute["times"]!["substitute"]!.GetValue<long>()));
    }

    [Fact]
    public async Task The_monthly_rollup_equals_the_facts_it_counts()
    {
        Assert.Equal(0, await scenario.Host.Desk.ScalarAsync<long>("""
            SELECT count(*) FROM (
                (SELECT date_trunc('month', concluded_on)::date, definition, agency, office, channel, measure, days, count(*) FROM indicator_measures GROUP BY 1, 2, 3, 4, 5, 6, 7
                 EXCEPT SELECT month, definition, agency, office, channel, measure, days, n FROM indicator_concluded_monthly)
                UNION ALL
                (SELECT month, definition, agency, office, channel, measure, days, n FROM indicator_concluded_monthly
                 EXCEPT SELECT date_trunc('month', concluded_on)::date, definition, agency, office, channel, measure, days, count(*) FROM indicator_measures GROUP BY 1, 2, 3, 4, 5, 6, 7)
            ) difference
            """));
        Assert.Equal(11, await scenario.Host.Desk.ScalarAsync<long>("SELECT sum(n)::bigint FROM indicator_intake_daily"));
    }

    [Fact]
    public async Task The_daily_rollup_equals_the_facts_it_counts()
    {
        Assert.Equal(0, await scenario.Host.Desk.ScalarAsync<long>("""
            SELECT count(*) FROM (
                (SELECT concluded_on, definition, agency, office, channel, measure, days, count(*) FROM indicator_measures GROUP BY 1, 2, 3, 4, 5, 6, 7
                 EXCEPT SELECT day, definition, agency, office, channel, measure, days, n FROM indicator_concluded_daily)
                UNION ALL
                (SELECT day, definition, agency, office, channel, measure, days, n FROM indicator_concluded_daily
                 EXCEPT SELECT concluded_on, definition, agency, office, channel, measure, days, count(*) FROM indicator_measures GROUP BY 1, 2, 3, 4, 5, 6, 7)
            ) difference
            """));
        Assert.True(await scenario.Host.Desk.ScalarAsync<long>("SELECT count(*) FROM indicator_concluded_daily") > 0);
    }

    [Fact]
    public async Task The_report_says_where_its_time_went_in_Server_Timing()
    {
        using var response = await (await scenario.Host.Desk.Supervisor).GetAsync("/api/indicators?from=2026-12-15&to=2027-02-10");
        response.EnsureSuccessStatusCode();
        var timing = string.Join(",", response.Headers.GetValues("Server-Timing"));
        Assert.Matches(@"^catalogue;dur=[0-9.]+, reads;dur=[0-9.]+, compute;dur=[0-9.]+$", timing);
    }

    [Fact]
    public async Task The_backfill_of_the_migration_writes_the_same_facts_as_the_closing_transactions()
    {
        var before = await scenario.Host.Desk.ScalarAsync<string>(
            "SELECT string_agg(f::text, ',' ORDER BY f.procedure_id) FROM indicator_concluded f");
        // Recompute every row with the function the backfill runs, inside a transaction rolled back.
        await using var connection = new Npgsql.NpgsqlConnection(scenario.Host.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var reset = new Npgsql.NpgsqlCommand(
            "DELETE FROM indicator_concluded; INSERT INTO indicator_concluded SELECT * FROM indicator_concluded_source", connection, transaction))
        {
            await reset.ExecuteNonQueryAsync();
        }

        await using var read = new Npgsql.NpgsqlCommand("SELECT string_agg(f::text, ',' ORDER BY f.procedure_id) FROM indicator_concluded f", connection, transaction);
        Assert.Equal(before, (string?)await read.ExecuteScalarAsync());
        await transaction.RollbackAsync();
    }

    [Theory]
    [InlineData("to=2026-12-31", "from")]
    [InlineData("from=2026-13-01&to=2026-12-31", "from")]
    [InlineData("from=2026-12-01", "to")]
    [InlineData("from=2026-12-31&to=2026-12-01", "to")]
    [InlineData("from=2020-01-01&to=2026-12-31", "to")]
    [InlineData("from=2026-01-01&to=2026-12-31&procedure=nessuno", "procedure")]
    [InlineData("from=2026-01-01&to=2026-12-31&agency=nessuno", "agency")]
    [InlineData("from=2026-01-01&to=2026-12-31&office=nessuno", "office")]
    [InlineData("from=2026-01-01&to=2026-12-31&channel=fax", "channel")]
    [InlineData("from=2026-01-01&to=2026-12-31&format=xls", "format")]
    [InlineData("from=2026-01-01&to=2026-12-31&format=csv&table=nessuna", "table")]
    public async Task A_bad_request_is_a_problem_naming_the_field(string query, string field)
    {
        var response = await (await scenario.Host.Desk.Supervisor).GetAsync($"/api/indicators?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(problem!["errors"]!.AsObject().ContainsKey(field), problem.ToJsonString());
    }

    [Fact]
    public async Task Only_supervisors_and_admins_read_the_indicators()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await (await scenario.Host.Desk.FrontDesk).GetAsync("/api/indicators?from=2026-11-01&to=2026-11-30")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await scenario.Host.Desk.Officer("comune-anagrafe")).GetAsync("/api/indicators?from=2026-11-01&to=2026-11-30")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await scenario.Host.App.CreateAdminClient().GetAsync("/api/indicators?from=2026-11-01&to=2026-11-30")).StatusCode);
        using var anonymous = scenario.Host.App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/indicators?from=2026-11-01&to=2026-11-30")).StatusCode);
    }

    [Fact]
    public async Task Each_table_exports_as_Italian_csv_with_a_bom_semicolons_and_decimal_commas()
    {
        var supervisor = await scenario.Host.Desk.Supervisor;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/indicators?from=2026-11-01&to=2027-02-28&table=sintesi");
        request.Headers.Accept.ParseAdd("text/csv");
        var response = await supervisor.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = System.Text.Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("Indicatore;Valore\r\n", text);
        Assert.Contains("\r\nQuota sportello;0,3333\r\n", text);
        Assert.Contains("\r\nMedia giorni lordi;42,25\r\n", text);
        Assert.Contains("\r\n90° percentile giorni netti;64,1\r\n", text);

        foreach (var table in CaseFlow.Cases.Indicators.IndicatorTables.Names)
        {
            var csv = await supervisor.GetAsync($"/api/indicators?from=2026-11-01&to=2027-02-28&format=csv&table={table}");
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
            Assert.Contains($"indicatori-{table}-", csv.Content.Headers.ContentDisposition?.FileName ?? "");
        }

        var procedures = System.Text.Encoding.UTF8.GetString(await (await supervisor.GetAsync("/api/indicators?from=2026-11-01&to=2027-02-28&format=csv&table=procedimenti")).Content.ReadAsByteArrayAsync());
        Assert.Contains("\r\ncontributo-anziani;Contributo economico per anziani;2;1;0,5;2;1;0,5;45,5;", procedures);
    }

    [Fact]
    public async Task The_stopped_days_follow_the_calculators_rules_for_the_cap_and_late_observations()
    {
        async Task<int> StoppedAsync(string events, string received, string concluded) => await scenario.Host.Desk.ScalarAsync<int>(
            "SELECT indicator_stopped_days(@e::jsonb, @r::date, @c::date)", ("e", events), ("r", received), ("c", concluded));

        // A suspension longer than the cap stops the clock for Terms.Suspension.MaxDays only.
        Assert.Equal(CaseFlow.Terms.Suspension.MaxDays,
            await StoppedAsync("""[{"kind":"suspension","from":"2026-01-10","to":"2026-03-01"}]""", "2026-01-05", "2026-04-01"));
        // Observations after the 10 days change nothing: the clock ran again when they lapsed.
        var late = new CaseFlow.Terms.RefusalNotice(new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 20));
        Assert.Equal(late.ResumesOn.DayNumber - late.Sent.DayNumber,
            await StoppedAsync("""[{"kind":"refusal-notice","from":"2026-02-01","to":"2026-02-20"}]""", "2026-01-05", "2026-04-01"));
        var timely = new CaseFlow.Terms.RefusalNotice(new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 5));
        Assert.Equal(timely.ResumesOn.DayNumber - timely.Sent.DayNumber,
            await StoppedAsync("""[{"kind":"refusal-notice","from":"2026-02-01","to":"2026-02-05"}]""", "2026-01-05", "2026-04-01"));
        // A stop still open when the procedure concludes ends with it.
        Assert.Equal(4, await StoppedAsync("""[{"kind":"suspension","from":"2026-02-01","to":null}]""", "2026-01-05", "2026-02-05"));
    }
}
