using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CaseFlow.Tests.Infrastructure;
using Npgsql;

namespace CaseFlow.Tests.Cases;

/// <summary>The intake takes its protocol number after its workflow step, and the number reaches everything that quotes it.</summary>
public class ProtocolLastTests(CasesFixture fixture) : IClassFixture<CasesFixture>
{
    [Fact]
    public async Task An_intake_waits_for_the_agency_counter_only_after_its_workflow_step_and_then_gets_the_next_number()
    {
        var first = await fixture.Desk.StartAsync(CaseDesk.Application("cambio-residenza"));
        var desk = await fixture.Desk.FrontDesk;
        await using var holder = new NpgsqlConnection(fixture.ConnectionString);
        await holder.OpenAsync();
        await using var held = await holder.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand("SELECT last FROM protocol_counters WHERE agency = 'comune-limbiate' FOR UPDATE", holder, held))
        {
            await lockRow.ExecuteScalarAsync();
        }

        var second = desk.PostAsJsonAsync("/api/cases", CaseDesk.Application("cambio-residenza"));

        // The whole first step has run; the intake queues on the counter in the statement that takes the number.
        await Eventually.True(async () => await fixture.Desk.ScalarAsync<long>("""
            SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'WITH counter AS%'
            """) == 1, TimeSpan.FromSeconds(30), "the intake waits on the counter after its step");
        await held.RollbackAsync();
        var response = await second;
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var number = body!["protocolNumber"]!.GetValue<string>();
        Assert.Equal(int.Parse(first["protocolNumber"]!.GetValue<string>().Split('/')[1]) + 1, int.Parse(number.Split('/')[1]));
    }

    [Fact]
    public async Task The_number_reaches_the_case_the_timeline_the_audit_trail_and_the_citizens_email_in_their_order()
    {
        var started = await fixture.Desk.StartAsync(CaseDesk.Application("cambio-residenza"));
        var caseId = Guid.Parse(started["caseId"]!.GetValue<string>());
        var number = started["protocolNumber"]!.GetValue<string>();

        Assert.Equal(number, await fixture.Desk.ScalarAsync<string>("SELECT protocol_number FROM cases WHERE id = @id", ("id", caseId)));
        Assert.Equal(number, await fixture.Desk.ScalarAsync<string>("SELECT protocol_number FROM case_procedures WHERE case_id = @id", ("id", caseId)));
        Assert.Equal(number, await fixture.Desk.ScalarAsync<string>("SELECT number FROM protocol_entries WHERE case_id = @id", ("id", caseId)));
        // The timeline starts with the receipt and the start, as it did when the number came first.
        Assert.Equal("case-received,procedure-started", await fixture.Desk.ScalarAsync<string>(
            "SELECT string_agg(kind, ',' ORDER BY id) FROM (SELECT kind, id FROM case_events WHERE case_id = @id ORDER BY id LIMIT 2) e", ("id", caseId)));
        Assert.Equal(2L, await fixture.Desk.ScalarAsync<long>(
            "SELECT count(*) FROM case_events WHERE case_id = @id AND text LIKE '%' || @number || '%'", ("id", caseId), ("number", number)));
        Assert.Equal(number, await fixture.Desk.ScalarAsync<string>(
            "SELECT after->>'protocolNumber' FROM audit_trail WHERE entity = 'case' AND entity_id = @id", ("id", caseId.ToString())));
        Assert.Equal(number, await fixture.Desk.ScalarAsync<string>(
            "SELECT model->>'protocol_number' FROM outbox_messages WHERE deduplication_key = 'case-received:' || @id", ("id", caseId.ToString())));
        Assert.Equal(1L, await fixture.Desk.ScalarAsync<long>(
            "SELECT count(*) FROM outbox_messages WHERE deduplication_key = 'case-received:' || @id AND subject || html_body || text_body LIKE '%' || @number || '%'", ("id", caseId.ToString()), ("number", number)));
        // Nothing anywhere still holds the stand-in.
        Assert.Equal(0L, await fixture.Desk.ScalarAsync<long>("""
            SELECT (SELECT count(*) FROM cases WHERE protocol_number LIKE 'PN%')
                 + (SELECT count(*) FROM case_procedures WHERE protocol_number LIKE 'PN%')
                 + (SELECT count(*) FROM case_events WHERE text ~ 'PN[0-9a-f]{32}')
                 + (SELECT count(*) FROM audit_trail WHERE after::text ~ 'PN[0-9a-f]{32}')
                 + (SELECT count(*) FROM outbox_messages WHERE subject || html_body || text_body || model::text ~ 'PN[0-9a-f]{32}')
            """));
    }
}
