namespace CaseFlow.Tests.Clock;

/// <summary>The new expected date told to the citizen of an overdue case is counted on the agency calendar.</summary>
public class ExpectedDateTests
{
    [Fact]
    public async Task The_new_expected_date_counts_the_grace_days_as_working_days_skipping_weekends_and_the_immaculate_conception()
    {
        await using var host = await ClockHost.StartAsync();
        await host.Desk.StartAsync(Cases.CaseDesk.Application("cambio-residenza"));
        // The first step (2WD from Monday 23 November 2026) ends on Wednesday 25: the escalation fires just after midnight, Thursday 26 in Rome.
        var stepDue = await host.DueAtAsync("escalation", "step");
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 22, 59, 59, TimeSpan.Zero), stepDue, TimeSpan.FromSeconds(1));
        host.Time.SetUtcNow(stepDue + TimeSpan.FromMinutes(1));

        await host.SweepAsync();

        // Ten working days from Thursday 26 November: 27, 30 Nov, 1–4 Dec, 7, (8 Dec is a holiday) 9, 10, 11 Dec.
        // Ten plain days would have promised Sunday 6 December.
        Assert.Equal("2026-12-11", await host.Desk.ScalarAsync<string>("SELECT model->>'new_expected_date' FROM outbox_messages WHERE template = 'case-overdue'"));
        Assert.Equal(1, await host.Desk.ScalarAsync<long>(
            "SELECT count(*) FROM case_events WHERE kind = 'overdue-apology' AND text LIKE '%nuova data prevista 2026-12-11'"));
    }

    [Fact]
    public async Task Over_christmas_the_expected_date_skips_christmas_and_santo_stefano()
    {
        await using var host = await ClockHost.StartAsync(new Dictionary<string, string?> { ["Clock:OverdueGraceDays"] = "2" });
        await host.Desk.StartAsync(Cases.CaseDesk.Application("cambio-residenza"));
        var stepDue = await host.DueAtAsync("escalation", "step");
        // The escalation is swept late, on Thursday 24 December 2026 at 10:00 in Rome.
        host.Time.SetUtcNow(new DateTimeOffset(2026, 12, 24, 9, 0, 0, TimeSpan.Zero));
        Assert.True(host.Time.GetUtcNow() > stepDue);

        await host.SweepAsync();

        // Friday 25 (Christmas), Saturday 26 (Santo Stefano), Sunday 27 are skipped: Monday 28 and Tuesday 29.
        Assert.Equal("2026-12-29", await host.Desk.ScalarAsync<string>("SELECT model->>'new_expected_date' FROM outbox_messages WHERE template = 'case-overdue'"));
    }
}
