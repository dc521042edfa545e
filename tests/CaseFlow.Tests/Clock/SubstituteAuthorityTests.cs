using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CaseFlow.Tests.Clock;

/// <summary>When the term lapses without silence-assent the work itself moves to the holder of the substitute power.</summary>
public class SubstituteAuthorityTests
{
    private const string Original = "comune-servizi-sociali";
    private const string Substitute = "comune-protocollo";

    private static async Task<JsonArray> QueueAsync(HttpClient officer, string office) =>
        (await officer.GetFromJsonAsync<JsonArray>($"/api/offices/{office}/tasks"))!;

    [Fact]
    public async Task After_the_lapse_the_open_task_is_in_the_substitute_offices_queue_unclaimed_and_its_officer_completes_it()
    {
        await using var host = await ClockHost.StartAsync();
        var caseId = (await host.Desk.StartAsync(Cases.CaseDesk.Application("contributo-anziani", new JsonObject { ["iseeEuro"] = 9000 })))["caseId"]!.GetValue<string>();
        var taskId = (await host.Desk.CurrentStepAsync(caseId))["taskId"]!.GetValue<string>();
        var original = await host.Desk.Officer(Original);
        var substitute = await host.Desk.Officer(Substitute);
        Assert.Equal(HttpStatusCode.OK, (await original.PostAsync($"/api/tasks/{taskId}/claim", null)).StatusCode);
        Assert.DoesNotContain(await QueueAsync(substitute, Substitute), t => t!["taskId"]!.GetValue<string>() == taskId);

        host.Time.SetUtcNow(await host.DueAtAsync("lapse", "procedure") + TimeSpan.FromMinutes(1));
        await host.SweepAsync();

        var newDue = new DateTimeOffset((await host.Desk.ScalarAsync<DateTime>("SELECT due_at FROM case_procedures")).ToUniversalTime());
        var queued = Assert.Single(await QueueAsync(substitute, Substitute), t => t!["taskId"]!.GetValue<string>() == taskId)!;
        Assert.Null(queued["claimedBy"]);
        Assert.Equal(newDue, queued["dueDate"]!.GetValue<DateTimeOffset>(), TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(await QueueAsync(original, Original), t => t!["taskId"]!.GetValue<string>() == taskId);
        Assert.Equal(HttpStatusCode.Forbidden, (await original.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "Completa" })).StatusCode);

        // The step's reminders and escalation now count to the new date, at the substitute office.
        var task = Guid.Parse(taskId);
        Assert.Equal(0, await host.Desk.ScalarAsync<long>("SELECT count(*) FROM deadlines WHERE task_id = @t AND fired_at IS NULL AND office <> @o",
            ("t", task), ("o", Substitute)));
        Assert.Equal(1, await host.Desk.ScalarAsync<long>("SELECT count(*) FROM deadlines WHERE task_id = @t AND fired_at IS NULL AND action = 'escalation' AND target_due_at = @due",
            ("t", task), ("due", newDue)));
        Assert.Equal(1, await host.Desk.ScalarAsync<long>("SELECT count(*) FROM case_events WHERE kind = 'task-substituted' AND text LIKE '%rilasciata'"));
        Assert.Equal(Original, await host.Desk.ScalarAsync<string>(
            "SELECT before->>'office' FROM audit_trail WHERE entity = 'task' AND entity_id = @t AND action = 'substituted' AND after->>'office' = @o",
            ("t", taskId), ("o", Substitute)));

        var completed = await substitute.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "Completa", note = "Istruttoria conclusa dal sostituto." });
        Assert.True(completed.StatusCode == HttpStatusCode.OK, await completed.Content.ReadAsStringAsync());

        // The ASL's opinion stays with the ASL; the agency's own next step goes to the substitute office.
        await host.Desk.CompleteCurrentAsync(caseId, "asl-valutazione-multidimensionale", "Parere favorevole");
        await host.Desk.CompleteCurrentAsync(caseId, Substitute, "Determina adottata");
        Assert.Equal("granted", await host.Desk.ScalarAsync<string>("SELECT outcome FROM case_procedures"));
    }

    [Fact]
    public async Task A_suspension_under_the_substitute_moves_the_substitutes_half_term_and_the_next_step_stays_with_the_substitute()
    {
        await using var host = await ClockHost.StartAsync();
        var caseId = (await host.Desk.StartAsync(Cases.CaseDesk.Application("contributo-anziani", new JsonObject { ["iseeEuro"] = 9000 })))["caseId"]!.GetValue<string>();
        host.Time.SetUtcNow(await host.DueAtAsync("lapse", "procedure") + TimeSpan.FromMinutes(1));
        await host.SweepAsync();
        // Lapsed on Sat 23 Jan 2027; half of P60D from then: Mon 22 Feb.
        await host.Desk.CompleteCurrentAsync(caseId, Substitute, "Documenti mancanti");
        Assert.Equal("suspended", await host.Desk.ScalarAsync<string>("SELECT status FROM case_procedures"));

        host.Time.Advance(TimeSpan.FromDays(5));
        var procedureId = await host.Desk.ScalarAsync<Guid>("SELECT id FROM case_procedures");
        var received = await (await host.Desk.FrontDesk).PostAsJsonAsync($"/api/cases/{caseId}/procedures/{procedureId}/integration", new { documents = Array.Empty<Guid>() });
        Assert.Equal(HttpStatusCode.OK, received.StatusCode);

        Assert.Equal("substitute", await host.Desk.ScalarAsync<string>("SELECT status FROM case_procedures"));
        // Five days of suspension: Sat 27 Feb (a Saturday does not move by default).
        Assert.Equal(CaseFlow.Terms.RomeTime.EndOf(new DateOnly(2027, 2, 27)),
            new DateTimeOffset((await host.Desk.ScalarAsync<DateTime>("SELECT due_at FROM case_procedures")).ToUniversalTime()), TimeSpan.FromMilliseconds(1));
        Assert.Equal(Substitute, (await host.Desk.CurrentStepAsync(caseId))["office"]!.GetValue<string>());
    }
}
