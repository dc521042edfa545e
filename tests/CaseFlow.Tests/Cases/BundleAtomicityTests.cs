using System.Net;
using System.Net.Http.Json;
using Npgsql;

namespace CaseFlow.Tests.Cases;

/// <summary>A bundle is one intake: its procedures start together or not at all.</summary>
public class BundleAtomicityTests(CasesFixture fixture) : IClassFixture<CasesFixture>
{
    private static readonly string[] Tables = ["cases", "case_procedures", "case_tasks", "workflow_instances", "protocol_entries", "outbox_messages", "deadlines"];

    private async Task<long[]> CountsAsync() =>
        await Task.WhenAll(Tables.Select(t => fixture.Desk.ScalarAsync<long>($"SELECT count(*) FROM {t}")));

    private async Task ExecAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private Task<HttpResponseMessage> PostBundleAsync() => fixture.Desk.FrontDesk.ContinueWith(async c => await (await c).PostAsJsonAsync("/api/bundles", new
    {
        citizen = CaseDesk.Citizen(),
        channel = "desk",
        procedures = new object[] { new { procedureId = "cambio-residenza", formData = CaseDesk.SampleForm("cambio-residenza") }, new { procedureId = "mensa-scolastica", formData = CaseDesk.SampleForm("mensa-scolastica") } },
    })).Unwrap();

    [Fact]
    public async Task A_database_failure_on_the_second_procedure_leaves_nothing_of_the_first_and_no_gap_in_the_protocol()
    {
        var before = await CountsAsync();
        // The second procedure's row cannot be written: the database refuses it mid-bundle.
        await ExecAsync("""
            CREATE FUNCTION refuse_school_meals() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW.procedure_id = 'mensa-scolastica' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER refuse_school_meals BEFORE INSERT ON case_procedures FOR EACH ROW EXECUTE FUNCTION refuse_school_meals();
            """);
        try
        {
            var failed = await PostBundleAsync();
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
            Assert.Equal(before, await CountsAsync());
        }
        finally
        {
            await ExecAsync("DROP TRIGGER refuse_school_meals ON case_procedures; DROP FUNCTION refuse_school_meals();");
        }

        var lastNumber = await fixture.Desk.ScalarAsync<int?>("SELECT max(seq) FROM protocol_entries WHERE agency = 'comune-limbiate'") ?? 0;
        var started = await PostBundleAsync();
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.Equal([lastNumber + 1, lastNumber + 2],
            [.. (await fixture.Desk.ScalarAsync<int[]>("SELECT array_agg(seq ORDER BY seq) FROM protocol_entries WHERE agency = 'comune-limbiate' AND subject LIKE 'Istanza:%' AND seq > @n",
                ("n", lastNumber)))!]);
    }
}
