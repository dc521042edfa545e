using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CaseFlow.Workflows.Timers;
using Microsoft.Extensions.DependencyInjection;

namespace CaseFlow.Tests.Clock;

/// <summary>
/// The art. 10-bis notice of refusal on the shipped change of residence: the dwelling is not confirmed, the citizen is
/// told why and gets 10 days for observations while the term stands still.
/// </summary>
public class RefusalNoticeTests
{
    /// <summary>Thursday 26 November 2026, 10:00 in Rome: the day the notice goes out.</summary>
    private static readonly DateTimeOffset NoticeDay = RomeTime.At(new DateTime(2026, 11, 26, 10, 0, 0)).ToUniversalTime();

    private static async Task<(string CaseId, Guid ProcedureId)> RefuseResidenceAsync(ClockHost host)
    {
        var caseId = (await host.Desk.StartAsync(Cases.CaseDesk.Application("cambio-residenza")))["caseId"]!.GetValue<string>();
        await host.Desk.CompleteCurrentAsync(caseId, "comune-anagrafe", "Registrata");
        host.Time.SetUtcNow(NoticeDay);
        await host.Desk.CompleteCurrentAsync(caseId, "comune-polizia-locale", "Dimora non accertata");
        return (caseId, await host.Desk.ScalarAsync<Guid>("SELECT id FROM case_procedures WHERE case_id = @id", ("id", Guid.Parse(caseId))));
    }

    private static async Task<JsonObject> ModelAsync(ClockHost host, string template) =>
        JsonNode.Parse((await host.Desk.ScalarAsync<string>("SELECT model::text FROM outbox_messages WHERE template = @t ORDER BY created_at DESC LIMIT 1", ("t", template)))!)!.AsObject();

    private static async Task<string> DueDateAsync(ClockHost host) =>
        RomeTime.DateOf(new DateTimeOffset((await host.Desk.ScalarAsync<DateTime>("SELECT due_at FROM case_procedures")).ToUniversalTime())).ToString("yyyy-MM-dd");

    [Fact]
    public async Task A_notice_of_refusal_stops_the_term_tells_the_citizen_the_reasons_and_is_registered_as_outgoing_mail()
    {
        await using var host = await ClockHost.StartAsync();
        var (caseId, _) = await RefuseResidenceAsync(host);

        Assert.Equal("suspended", await host.Desk.ScalarAsync<string>("SELECT status FROM case_procedures"));
        Assert.Equal(0, await host.Desk.ScalarAsync<long>("SELECT count(*) FROM deadlines WHERE kind = 'procedure' AND fired_at IS NULL"));
        Assert.Equal(0, await host.Desk.ScalarAsync<long>("SELECT count(*) FROM case_tasks WHERE status = 'open'"));
        Assert.Equal(1, await host.OutboxAsync("refusal-notice"));
        var model = await ModelAsync(host, "refusal-notice");
        Assert.Contains("dimora abituale", Assert.Single(model["reasons"]!.AsArray())!.GetValue<string>());
        Assert.Equal("2026-12-06", model["reply_by"]!.GetValue<string>());
        var number = model["notice_protocol_number"]!.GetValue<string>();
        Assert.Equal("out", await host.Desk.ScalarAsync<string>("SELECT direction FROM protocol_entries WHERE number = @n AND subject LIKE '%10-bis%'", ("n", number)));
        Assert.Contains((await host.Desk.CaseAsync(caseId))["timeline"]!.AsArray(), e => e!["kind"]!.GetValue<string>() == "refusal-notice");
    }

    [Fact]
    public async Task Observations_restart_the_term_ten_days_after_they_arrive_and_send_the_case_to_the_office_that_weighs_them()
    {
        await using var host = await ClockHost.StartAsync();
        var (caseId, procedureId) = await RefuseResidenceAsync(host);
        var frontDesk = await host.Desk.FrontDesk;
        var url = $"/api/cases/{caseId}/procedures/{procedureId}/observations";

        var empty = await frontDesk.PostAsJsonAsync(url, new { text = " " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("\"text\"", await empty.Content.ReadAsStringAsync());
        var stranger = await frontDesk.PostAsJsonAsync(url, new { text = "Abito qui.", documents = new[] { Guid.NewGuid() } });
        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);
        Assert.Contains("\"documents\"", await stranger.Content.ReadAsStringAsync());
        Assert.Equal("suspended", await host.Desk.ScalarAsync<string>("SELECT status FROM case_procedures"));

        host.Time.SetUtcNow(RomeTime.At(new DateTime(2026, 12, 1, 11, 0, 0)).ToUniversalTime());
        var sent = await frontDesk.PostAsJsonAsync(url, new { text = "Abito all'indirizzo dal 1° novembre: allego il contratto di locazione." });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);

        // Received 23 Nov + 45 days = 7 Jan 2027; stopped from 26 Nov until 11 Dec (10 days after the 1 Dec observations): 15 days more.
        Assert.Equal("2027-01-22", await DueDateAsync(host));
        Assert.Equal("open", await host.Desk.ScalarAsync<string>("SELECT status FROM case_procedures"));
        var resumed = await ModelAsync(host, "clock-resumed");
        Assert.Equal("2026-12-11", resumed["resumed_on"]!.GetValue<string>());
        Assert.Equal("2027-01-22", resumed["new_due_date"]!.GetValue<string>());
        Assert.Equal(1, await host.Desk.ScalarAsync<long>(
            "SELECT count(*) FROM deadlines d JOIN case_procedures p ON p.id = d.procedure_id WHERE d.action = 'lapse' AND d.fired_at IS NULL AND d.target_due_at = p.due_at"));
        Assert.Equal(1, await host.Desk.ScalarAsync<long>("SELECT count(*) FROM protocol_entries WHERE direction = 'in' AND subject LIKE 'Osservazioni%'"));
        var step = await host.Desk.CurrentStepAsync(caseId);
        Assert.Equal("comune-anagrafe", step["office"]!.GetValue<string>());

        var again = await frontDesk.PostAsJsonAsync(url, new { text = "Ancora." });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        await host.Desk.CompleteCurrentAsync(caseId, "comune-anagrafe", "Osservazioni accolte");
        Assert.Equal("granted", await host.Desk.ScalarAsync<string>("SELECT outcome FROM case_procedures"));
    }

    [Fact]
    public async Task Without_observations_the_ten_days_lapse_at_the_end_of_the_tenth_day_and_the_refusal_follows()
    {
        await using var host = await ClockHost.StartAsync();
        var (caseId, procedureId) = await RefuseResidenceAsync(host);
        var timers = host.App.Services.GetRequiredService<TimerSweeper>();

        host.Time.SetUtcNow(RomeTime.At(new DateTime(2026, 12, 6, 23, 30, 0)).ToUniversalTime());
        await timers.SweepAsync(CancellationToken.None);
        Assert.Equal("suspended", await host.Desk.ScalarAsync<string>("SELECT status FROM case_procedures"));

        host.Time.SetUtcNow(RomeTime.At(new DateTime(2026, 12, 7, 0, 1, 0)).ToUniversalTime());
        await timers.SweepAsync(CancellationToken.None);
        Assert.Equal("denied", await host.Desk.ScalarAsync<string>("SELECT outcome FROM case_procedures"));
        Assert.Contains((await host.Desk.CaseAsync(caseId))["timeline"]!.AsArray(), e => e!["kind"]!.GetValue<string>() == "observations-lapsed");
        Assert.Equal(1, await host.OutboxAsync("final-act"));

        var late = await (await host.Desk.FrontDesk).PostAsJsonAsync($"/api/cases/{caseId}/procedures/{procedureId}/observations", new { text = "In ritardo." });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }

    [Fact]
    public async Task Documents_that_never_arrive_lead_to_a_notice_of_refusal_and_observations_send_the_case_back_to_the_first_office()
    {
        await using var host = await ClockHost.StartAsync();
        var caseId = (await host.Desk.StartAsync(Cases.CaseDesk.Application("contributo-anziani", new JsonObject { ["iseeEuro"] = 9000 })))["caseId"]!.GetValue<string>();
        var procedureId = await host.Desk.ScalarAsync<Guid>("SELECT id FROM case_procedures");
        await host.Desk.CompleteCurrentAsync(caseId, "comune-servizi-sociali", "Documenti mancanti");

        // The request's 30-day cap passes: the suspension ends by itself and the notice of refusal goes out.
        host.Time.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        await host.App.Services.GetRequiredService<TimerSweeper>().SweepAsync(CancellationToken.None);
        Assert.Equal(1, await host.OutboxAsync("refusal-notice"));
        Assert.Contains("non sono pervenuti", Assert.Single((await ModelAsync(host, "refusal-notice"))["reasons"]!.AsArray())!.GetValue<string>());
        Assert.Equal("suspended", await host.Desk.ScalarAsync<string>("SELECT status FROM case_procedures"));

        host.Time.Advance(TimeSpan.FromDays(2));
        var sent = await (await host.Desk.FrontDesk).PostAsJsonAsync($"/api/cases/{caseId}/procedures/{procedureId}/observations", new { text = "Consegno ora l'ISEE." });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Equal("comune-servizi-sociali", (await host.Desk.CurrentStepAsync(caseId))["office"]!.GetValue<string>());
        Assert.Equal(2, await host.Desk.ScalarAsync<long>("SELECT count(*) FROM case_tasks WHERE title LIKE 'Istruttoria%'"));
    }
}
