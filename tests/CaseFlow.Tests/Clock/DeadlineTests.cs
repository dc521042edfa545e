using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CaseFlow.Tests.Clock;

public class DeadlineTests
{
    private static async Task<string> StartResidenceAsync(ClockHost host) =>
        (await host.Desk.StartAsync(Cases.CaseDesk.Application("cambio-residenza")))["caseId"]!.GetValue<string>();

    /// <summary>Office emails sent for the procedure's own deadlines (the first step has its own).</summary>
    private static Task<long> ProcedureMailsAsync(ClockHost host, string action) => host.Desk.ScalarAsync<long>("""
        SELECT count(*) FROM outbox_messages m JOIN deadlines d ON m.deduplication_key = 'deadline:' || d.id
        WHERE d.kind = 'procedure' AND d.action = @action AND m.recipient_address <> ''
        """, ("action", action));

    [Fact]
    public async Task Procedure_reminders_fire_five_days_and_one_day_before_the_due_date_once_each()
    {
        await using var host = await ClockHost.StartAsync();
        await StartResidenceAsync(host);
        var due = await host.DueAtAsync("escalation", "procedure");
        Assert.Equal(2, await host.Desk.ScalarAsync<long>("SELECT count(*) FROM deadlines WHERE kind = 'procedure' AND action = 'reminder'"));

        host.Time.SetUtcNow(due - TimeSpan.FromDays(5));
        await host.SweepAsync();
        await host.SweepAsync();
        Assert.Equal(1, await ProcedureMailsAsync(host, "reminder"));

        host.Time.SetUtcNow(due - TimeSpan.FromDays(1));
        await host.SweepAsync();
        await host.SweepAsync();
        Assert.Equal(2, await ProcedureMailsAsync(host, "reminder"));
        Assert.Equal(0, await ProcedureMailsAsync(host, "escalation"));
        // The office's email opens the case page of the web app, not the JSON API.
        var caseId = await host.Desk.ScalarAsync<Guid>("SELECT id FROM cases");
        Assert.Equal($"http://localhost:5080/sportello/pratiche/{caseId}",
            await host.Desk.ScalarAsync<string>("SELECT model->>'case_url' FROM outbox_messages WHERE template = 'office-reminder' LIMIT 1"));
    }

    [Fact]
    public async Task A_step_past_its_due_date_is_escalated_flags_the_case_overdue_and_apologises_to_the_citizen_once()
    {
        await using var host = await ClockHost.StartAsync();
        var caseId = await StartResidenceAsync(host);
        var stepDue = await host.DueAtAsync("escalation", "step");

        host.Time.SetUtcNow(stepDue + TimeSpan.FromMinutes(1));
        await host.SweepAsync();
        await host.SweepAsync();

        Assert.Equal(1, await host.OutboxAsync("office-escalation"));
        Assert.Equal(1, await host.OutboxAsync("case-overdue"));
        Assert.True(await host.Desk.ScalarAsync<bool>("SELECT overdue_at IS NOT NULL FROM cases WHERE id = @id", ("id", Guid.Parse(caseId))));
        Assert.True(await host.Desk.ScalarAsync<bool>("SELECT escalated_at IS NOT NULL FROM case_tasks WHERE case_id = @id", ("id", Guid.Parse(caseId))));
        Assert.Equal(1, await host.Desk.ScalarAsync<long>("SELECT count(*) FROM case_events WHERE case_id = @id AND kind = 'overdue'", ("id", Guid.Parse(caseId))));
    }

    [Fact]
    public async Task A_suspension_removes_the_procedure_deadlines_nothing_fires_for_the_stale_date_and_resuming_writes_the_new_date()
    {
        await using var host = await ClockHost.StartAsync();
        var caseId = (await host.Desk.StartAsync(Cases.CaseDesk.Application("contributo-anziani", new JsonObject { ["iseeEuro"] = 9000 })))["caseId"]!.GetValue<string>();
        var due = await host.DueAtAsync("lapse", "procedure");

        await host.Desk.CompleteCurrentAsync(caseId, "comune-servizi-sociali", "Documenti mancanti");
        Assert.Equal(0, await host.Desk.ScalarAsync<long>("SELECT count(*) FROM deadlines WHERE kind = 'procedure' AND fired_at IS NULL"));

        host.Time.SetUtcNow(due + TimeSpan.FromHours(1));
        await host.SweepAsync();
        Assert.Equal(0, await host.OutboxAsync("office-reminder"));
        Assert.Equal(0, await host.Desk.ScalarAsync<long>("SELECT count(*) FROM case_events WHERE kind IN ('lapse', 'substitute-authority', 'silence-assent')"));
        Assert.Equal("suspended", await host.Desk.ScalarAsync<string>("SELECT status FROM case_procedures"));

        var procedureId = await host.Desk.ScalarAsync<Guid>("SELECT id FROM case_procedures");
        var resumed = await (await host.Desk.FrontDesk).PostAsJsonAsync($"/api/cases/{caseId}/procedures/{procedureId}/integration", new { documents = Array.Empty<Guid>() });
        Assert.Equal(System.Net.HttpStatusCode.OK, resumed.StatusCode);
        Assert.Equal(1, await host.Desk.ScalarAsync<long>(
            "SELECT count(*) FROM deadlines d JOIN case_procedures p ON p.id = d.procedure_id WHERE d.action = 'lapse' AND d.fired_at IS NULL AND d.target_due_at = p.due_at"));
        Assert.True((await host.DueAtAsync("lapse", "procedure")) > due, "the resumed term ends later than the stale date");
    }

    [Fact]
    public async Task Silence_assent_closes_a_change_of_residence_at_its_due_date_and_sends_the_attestation()
    {
        await using var host = await ClockHost.StartAsync();
        var caseId = await StartResidenceAsync(host);
        var due = await host.DueAtAsync("lapse", "procedure");

        host.Time.SetUtcNow(due + TimeSpan.FromMinutes(1));
        await host.SweepAsync();
        await host.SweepAsync();

        Assert.Equal("silence-assent", await host.Desk.ScalarAsync<string>("SELECT outcome FROM case_procedures"));
        Assert.Equal(1, await host.OutboxAsync("silence-assent"));
        Assert.Equal(0, await host.Desk.ScalarAsync<long>("SELECT count(*) FROM case_tasks WHERE status = 'open'"));
        Assert.Equal("closed", await host.Desk.ScalarAsync<string>("SELECT status FROM cases WHERE id = @id", ("id", Guid.Parse(caseId))));
        Assert.Equal(1, await host.Desk.ScalarAsync<long>("SELECT count(*) FROM case_events WHERE case_id = @id AND kind = 'case-closed'", ("id", Guid.Parse(caseId))));
    }

    [Fact]
    public async Task Without_silence_assent_the_substitute_authority_gets_half_the_original_term_counted_on_the_calendar()
    {
        await using var host = await ClockHost.StartAsync();
        await host.Desk.StartAsync(Cases.CaseDesk.Application("contributo-anziani", new JsonObject { ["iseeEuro"] = 9000 }));
        var due = await host.DueAtAsync("lapse", "procedure");
        // Received Mon 23 Nov 2026, P60D: due at the end of Fri 22 Jan 2027.
        Assert.Equal(new DateOnly(2027, 1, 22), RomeTime.DateOf(due));

        host.Time.SetUtcNow(due + TimeSpan.FromMinutes(1));
        await host.SweepAsync();

        Assert.Equal("comune-protocollo", await host.Desk.ScalarAsync<string>("SELECT office FROM case_procedures"));
        // Half the term, P30D, from Sat 23 Jan: Mon 22 Feb 2027, at the end of the day.
        var newDue = new DateTimeOffset((await host.Desk.ScalarAsync<DateTime>("SELECT due_at FROM case_procedures")).ToUniversalTime());
        Assert.Equal(RomeTime.EndOf(new DateOnly(2027, 2, 22)), newDue, TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, await host.Desk.ScalarAsync<long>("SELECT count(*) FROM deadlines WHERE action = 'lapse' AND fired_at IS NULL AND office = 'comune-protocollo'"));
        Assert.Equal(1, await host.Desk.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE deduplication_key LIKE 'substitute:%'"));
        Assert.Equal(1, await host.Desk.ScalarAsync<long>("SELECT count(*) FROM case_events WHERE kind = 'substitute-authority'"));

        // The substitute's own term lapsing passes the case nowhere else.
        host.Time.SetUtcNow(newDue + TimeSpan.FromMinutes(1));
        await host.SweepAsync();
        Assert.Equal("comune-protocollo", await host.Desk.ScalarAsync<string>("SELECT office FROM case_procedures"));
        Assert.Equal(1, await host.Desk.ScalarAsync<long>("SELECT count(*) FROM case_events WHERE kind = 'substitute-authority'"));
        Assert.Equal(newDue, new DateTimeOffset((await host.Desk.ScalarAsync<DateTime>("SELECT due_at FROM case_procedures")).ToUniversalTime()));
    }

    [Fact]
    public async Task Two_hosts_sweeping_at_once_fire_each_action_exactly_once()
    {
        await using var host = await ClockHost.StartAsync();
        var second = host.AddApp();
        for (var i = 0; i < 3; i++)
        {
            await StartResidenceAsync(host);
        }

        var lastDue = (await host.Desk.ScalarAsync<DateTime>("SELECT max(due_at) FROM deadlines")).ToUniversalTime();
        host.Time.SetUtcNow(new DateTimeOffset(lastDue) + TimeSpan.FromMinutes(1));
        var fired = await Task.WhenAll(host.SweepAsync(), host.SweepAsync(second), host.SweepAsync(), host.SweepAsync(second));

        var rows = await host.Desk.ScalarAsync<long>("SELECT count(*) FROM deadlines WHERE outcome = 'fired'");
        Assert.Equal(rows, fired.Sum());
        Assert.Equal(3, await host.OutboxAsync("silence-assent"));
        Assert.Equal(0, await host.Desk.ScalarAsync<long>(
            "SELECT count(*) FROM (SELECT deduplication_key FROM outbox_messages GROUP BY deduplication_key HAVING count(*) > 1) d"));
        Assert.Equal(0, await host.Desk.ScalarAsync<long>("SELECT count(*) FROM deadlines WHERE fired_at IS NULL AND due_at <= @now",
            ("now", host.Time.GetUtcNow())));
    }
}
