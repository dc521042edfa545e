using Npgsql;

namespace CaseFlow.Tests.Cases;

public class ProtocolRegisterTests(CasesFixture fixture) : IClassFixture<CasesFixture>
{
    [Fact]
    public async Task Two_hundred_parallel_intakes_get_two_hundred_distinct_consecutive_protocol_numbers()
    {
        await fixture.Desk.FrontDesk; // create the key once, outside the burst
        var started = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => fixture.Desk.StartAsync(CaseDesk.Application("mensa-scolastica"))));

        var numbers = started.Select(s => s["protocolNumber"]!.GetValue<string>()).ToList();
        Assert.Equal(200, numbers.Distinct().Count());
        var sequence = numbers.Select(n => int.Parse(n.Split('/')[1])).Order().ToList();
        Assert.Equal(Enumerable.Range(sequence[0], 200), sequence);
        var ids = started.Select(s => Guid.Parse(s["caseId"]!.GetValue<string>())).ToArray();
        Assert.Equal(200L, await fixture.Desk.ScalarAsync<long>(
            "SELECT count(DISTINCT seq) FROM protocol_entries WHERE case_id = ANY(@ids) AND direction = 'in'", ("ids", ids)));
    }

    [Fact]
    public async Task The_register_is_append_only_updates_and_deletes_raise()
    {
        await fixture.Desk.StartAsync(CaseDesk.Application("cambio-residenza"));
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        foreach (var sql in new[] { "UPDATE protocol_entries SET subject = 'x'", "DELETE FROM protocol_entries", "DELETE FROM audit_trail", "UPDATE case_events SET text = 'x'" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains("append-only", error.MessageText);
        }
    }

    [Fact]
    public async Task A_rolled_back_registration_leaves_no_gap()
    {
        var before = await fixture.Desk.ScalarAsync<int?>("SELECT last FROM protocol_counters WHERE agency = 'comune-limbiate'") ?? 0;
        var refused = await (await fixture.Desk.FrontDesk).PostAsync("/api/cases", System.Net.Http.Json.JsonContent.Create(CaseDesk.Application("no-such-procedure")));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        var started = await fixture.Desk.StartAsync(CaseDesk.Application("cambio-residenza"));

        var after = await fixture.Desk.ScalarAsync<int>("SELECT last FROM protocol_counters WHERE agency = 'comune-limbiate'");
        Assert.Equal(before + 1, after);
        Assert.EndsWith($"/{after:0000000}", started["protocolNumber"]!.GetValue<string>());
    }
}
