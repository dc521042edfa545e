using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CaseFlow.Tests.Cases;
using CaseFlow.Tests.Clock;
using Npgsql;

namespace CaseFlow.Tests.Security;

/// <summary>
/// A receipt date is bounded and a back-dated one is a recorded deferred registration; silence-assent grants and
/// ends the flow in one transaction, and a concluded procedure is never concluded again.
/// </summary>
public class ReceiptAndConclusionTests
{
    // ClockHost.Start is Monday 23 November 2026, 09:00 in Rome.
    private static JsonObject Application(string receivedAt, string? reason = null)
    {
        var application = CaseDesk.Application("cambio-residenza");
        application["receivedAt"] = receivedAt;
        if (reason is not null)
        {
            application["receivedAtReason"] = reason;
        }

        return application;
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(ClockHost host, JsonObject application)
    {
        var response = await (await host.Desk.FrontDesk).PostAsJsonAsync("/api/cases", application);
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    [Theory]
    [InlineData("2026-10-23T10:00:00+02:00", "Posta aperta in ritardo", "receivedAt")]  // 31 days before: outside the 30-day window
    [InlineData("2026-11-20T10:00:00+01:00", null, "receivedAtReason")]                // Friday: back-dated without a reason
    [InlineData("2026-11-20T10:00:00+01:00", "ok", "receivedAtReason")]                // a reason too short to mean anything
    [InlineData("2026-11-23T09:10:00+01:00", null, "receivedAt")]                      // ten minutes in the future
    public async Task A_receipt_date_outside_its_bounds_or_back_dated_without_a_reason_is_refused_and_writes_nothing(string receivedAt, string? reason, string field)
    {
        await using var host = await ClockHost.StartAsync();

        var (status, problem) = await PostAsync(host, Application(receivedAt, reason));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(problem["errors"]![field]);
        Assert.Equal(0L, await host.Desk.ScalarAsync<long>("SELECT count(*) FROM cases"));
        Assert.Equal(0L, await host.Desk.ScalarAsync<long>("SELECT count(*) FROM protocol_entries"));
    }

    [Fact]
    public async Task A_back_dated_receipt_starts_the_clock_from_its_date_and_records_the_deferred_registration_with_the_operator_and_reason()
    {
        await using var host = await ClockHost.StartAsync();

        var (status, started) = await PostAsync(host, Application("2026-10-26T10:00:00+01:00", "Raccomandata consegnata all'ufficio sbagliato"));

        Assert.Equal(HttpStatusCode.Created, status);
        // 45 calendar days from Monday 26 October 2026 end on Thursday 10 December 2026.
        Assert.Equal(new DateOnly(2026, 12, 10), DateOnly.FromDateTime(started["dueDate"]!.GetValue<DateTimeOffset>().ToOffset(TimeSpan.FromHours(1)).DateTime));
        var caseId = Guid.Parse(started["caseId"]!.GetValue<string>());
        Assert.Equal("Raccomandata consegnata all'ufficio sbagliato",
            await host.Desk.ScalarAsync<string>("SELECT received_at_reason FROM cases WHERE id = @id", ("id", caseId)));
        var text = await host.Desk.ScalarAsync<string>("SELECT text FROM case_events WHERE case_id = @id AND kind = 'receipt-backdated' AND NOT public", ("id", caseId));
        Assert.Contains("ricevuta il 26/10/2026, registrata il 23/11/2026", text);
        Assert.Contains("Raccomandata consegnata all'ufficio sbagliato", text);
        Assert.True(await host.Desk.ScalarAsync<bool>("""
            SELECT e.actor = k.created_by AND e.actor <> 'sistema' FROM case_events e JOIN cases k ON k.id = e.case_id WHERE k.id = @id AND e.kind = 'receipt-backdated'
            """, ("id", caseId)));
    }

    [Fact]
    public async Task An_earlier_hour_of_the_same_day_is_not_a_deferred_registration()
    {
        await using var host = await ClockHost.StartAsync();

        var (status, started) = await PostAsync(host, Application("2026-11-23T08:15:00+01:00"));

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Null(await host.Desk.ScalarAsync<string>("SELECT received_at_reason FROM cases WHERE id = @id", ("id", Guid.Parse(started["caseId"]!.GetValue<string>()))));
        Assert.Equal(0L, await host.Desk.ScalarAsync<long>("SELECT count(*) FROM case_events WHERE kind = 'receipt-backdated'"));
    }

    [Fact]
    public async Task Silence_assent_and_the_end_of_the_flow_commit_together_or_not_at_all()
    {
        await using var host = await ClockHost.StartAsync();
        var caseId = Guid.Parse((await host.Desk.StartAsync(CaseDesk.Application("cambio-residenza")))["caseId"]!.GetValue<string>());
        var due = await host.DueAtAsync("lapse", "procedure");
        // The flow cannot be ended for now: the engine's write of the cancelled instance fails.
        await ExecAsync(host, """
            CREATE FUNCTION refuse_cancel() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW.sub_status = 'Cancelled' THEN RAISE EXCEPTION 'cancel refused by the test'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER refuse_cancel BEFORE UPDATE ON workflow_instances FOR EACH ROW EXECUTE FUNCTION refuse_cancel();
            """);

        host.Time.SetUtcNow(due + TimeSpan.FromMinutes(1));
        await host.SweepAsync();

        // Nothing of the grant was written: the procedure is open, its task too, no attestation, no email, the lapse still due.
        Assert.Equal("open", await host.Desk.ScalarAsync<string>("SELECT status FROM case_procedures WHERE case_id = @id", ("id", caseId)));
        Assert.Equal(1L, await host.Desk.ScalarAsync<long>("SELECT count(*) FROM case_tasks WHERE case_id = @id AND status = 'open'", ("id", caseId)));
        Assert.Equal(0L, await host.Desk.ScalarAsync<long>("SELECT count(*) FROM protocol_entries WHERE direction = 'out'"));
        Assert.Equal(0L, await host.OutboxAsync("silence-assent"));
        Assert.Equal(1L, await host.Desk.ScalarAsync<long>("SELECT count(*) FROM deadlines WHERE action = 'lapse' AND fired_at IS NULL"));

        await ExecAsync(host, "DROP TRIGGER refuse_cancel ON workflow_instances");
        host.Time.Advance(TimeSpan.FromMinutes(1));
        await host.SweepAsync();

        Assert.Equal("accepted", await host.Desk.ScalarAsync<string>("SELECT status FROM case_procedures WHERE case_id = @id", ("id", caseId)));
        Assert.Equal("Cancelled", await host.Desk.ScalarAsync<string>(
            "SELECT i.sub_status FROM workflow_instances i JOIN case_procedures p ON p.instance_id = i.id WHERE p.case_id = @id", ("id", caseId)));
        Assert.Equal(0L, await host.Desk.ScalarAsync<long>("SELECT count(*) FROM case_tasks WHERE case_id = @id AND status = 'open'", ("id", caseId)));
        Assert.Equal(1L, await host.Desk.ScalarAsync<long>("SELECT count(*) FROM protocol_entries WHERE direction = 'out'"));
        Assert.Equal(1L, await host.OutboxAsync("silence-assent"));
    }

    [Fact]
    public async Task A_procedure_granted_by_silence_assent_cannot_be_concluded_again()
    {
        await using var host = await ClockHost.StartAsync();
        var started = await host.Desk.StartAsync(CaseDesk.Application("cambio-residenza"));
        var caseId = Guid.Parse(started["caseId"]!.GetValue<string>());
        var task = (await host.Desk.CurrentStepAsync(caseId.ToString()))["taskId"]!.GetValue<string>();
        host.Time.SetUtcNow(await host.DueAtAsync("lapse", "procedure") + TimeSpan.FromMinutes(1));
        await host.SweepAsync();
        Assert.Equal("accepted", await host.Desk.ScalarAsync<string>("SELECT status FROM case_procedures WHERE case_id = @id", ("id", caseId)));

        // The officer's task ended with the flow: completing it now changes nothing.
        var officer = await host.Desk.Officer("comune-anagrafe");
        var outcome = await host.Desk.ScalarAsync<string>("SELECT outcomes[1] FROM case_tasks WHERE id = @id", ("id", Guid.Parse(task)));
        var response = await officer.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome, note = "In ritardo." });
        Assert.True(response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound, $"{response.StatusCode}");
        // And no path at all, not even a direct write, turns the attested grant into something else.
        var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecAsync(host,
            "UPDATE case_procedures SET status = 'refused', outcome = 'refused' WHERE case_id = '" + caseId + "'"));
        Assert.Equal(PostgresErrorCodes.CheckViolation, refused.SqlState);
        Assert.Equal("accepted", await host.Desk.ScalarAsync<string>("SELECT status FROM case_procedures WHERE case_id = @id", ("id", caseId)));
        Assert.Equal(0L, await host.Desk.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE template = 'final-act'"));
    }

    private static async Task ExecAsync(ClockHost host, string sql)
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
