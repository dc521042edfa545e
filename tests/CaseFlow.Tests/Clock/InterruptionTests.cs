using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CaseFlow.Tests.Infrastructure;
using CaseFlow.Tests.Workflows;
using CaseFlow.Workflows.Timers;
using Microsoft.Extensions.DependencyInjection;

namespace CaseFlow.Tests.Clock;

/// <summary>
/// An integration request in Interrupt mode: the whole term starts over from the day the documents arrive; a cap that
/// passes without them leaves the running term as it was.
/// </summary>
public class InterruptionTests
{
    private const string ProcedureId = "integrazione-interruttiva";
    private const string Office = "comune-servizi-sociali";

    /// <summary>Received on Monday 23 November 2026, P30D: Wednesday 23 December.</summary>
    private static readonly DateTimeOffset OriginalDue = RomeTime.EndOf(new DateOnly(2026, 12, 23));

    /// <summary>Istruttoria → (documents missing) RequestIntegration, Interrupt, 10 days cap → back to the istruttoria either way.</summary>
    private static JsonObject Definition()
    {
        var definition = Def.Flowchart(ProcedureId,
            [
                Def.Start(),
                Def.OfficeTask("istruttoria", Office, "Completa", "Documenti mancanti"),
                Def.Activity("integrazione", "CaseFlow.RequestIntegration",
                    ("documents", Def.Expression("Literal", "[\"Attestazione ISEE in corso di validità\"]", "String[]")),
                    ("mode", Def.Literal("Interrupt")), ("capDays", Def.Literal(10, "Int32"))),
                Def.End(),
            ],
            [("start", "Done", "istruttoria"), ("istruttoria", "Documenti mancanti", "integrazione"), ("istruttoria", "Completa", "end"),
             ("integrazione", "Received", "istruttoria"), ("integrazione", "Expired", "istruttoria")]);
        definition["isPublished"] = true;
        definition["customProperties"] = new JsonObject
        {
            ["caseflow"] = new JsonObject
            {
                ["sheet"] = new JsonObject
                {
                    ["title"] = "Contributo con integrazione interruttiva", ["agency"] = "comune-limbiate", ["office"] = Office,
                    ["responsibleOfficer"] = "Dott.ssa Giulia Ferrari", ["term"] = "P30D", ["silenceAssent"] = false,
                },
            },
        };
        return definition;
    }

    private static async Task<(ClockHost Host, string CaseId, Guid ProcedureId)> StartAndRequestDocumentsAsync()
    {
        var host = await ClockHost.StartAsync();
        var imported = await host.App.CreateAdminClient().PostAsJsonAsync("/elsa/api/workflow-definitions/import", Definition());
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
        var caseId = (await host.Desk.StartAsync(Cases.CaseDesk.Application(ProcedureId)))["caseId"]!.GetValue<string>();
        Assert.Equal(OriginalDue, await DueAsync(host), TimeSpan.FromMilliseconds(1));

        // A week after receipt (Tuesday 1 December) the office finds documents missing: the term is interrupted.
        host.Time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        await host.Desk.CompleteCurrentAsync(caseId, Office, "Documenti mancanti");
        Assert.Equal("suspended", await host.Desk.ScalarAsync<string>("SELECT status FROM case_procedures"));
        Assert.Equal(0, await host.Desk.ScalarAsync<long>("SELECT count(*) FROM deadlines WHERE action = 'lapse' AND fired_at IS NULL"));
        return (host, caseId, await host.Desk.ScalarAsync<Guid>("SELECT id FROM case_procedures"));
    }

    private static async Task<DateTimeOffset> DueAsync(ClockHost host) =>
        new((await host.Desk.ScalarAsync<DateTime>("SELECT due_at FROM case_procedures")).ToUniversalTime());

    private static Task<long> LapseRowsAsync(ClockHost host, DateTimeOffset target) => host.Desk.ScalarAsync<long>(
        "SELECT count(*) FROM deadlines WHERE action = 'lapse' AND kind = 'procedure' AND fired_at IS NULL AND target_due_at = @target",
        ("target", target.UtcDateTime));

    [Fact]
    public async Task Documents_arriving_restart_the_whole_term_from_their_arrival_rolled_past_the_epiphany_and_the_lapse_row_follows()
    {
        var (host, caseId, procedureId) = await StartAndRequestDocumentsAsync();
        await using var _ = host;

        // Monday 7 December the citizen brings the documents to the desk.
        host.Time.SetUtcNow(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        var received = await (await host.Desk.FrontDesk).PostAsJsonAsync($"/api/cases/{caseId}/procedures/{procedureId}/integration", new { documents = Array.Empty<Guid>() });
        Assert.Equal(HttpStatusCode.OK, received.StatusCode);

        // 30 calendar days from 7 December end on Wednesday 6 January 2027, the Epiphany: the term rolls to Thursday 7 January.
        // (Counted as a suspension from 1 to 7 December it would have ended on 29 December.)
        var expected = RomeTime.EndOf(new DateOnly(2027, 1, 7));
        var due = await DueAsync(host);
        Assert.Equal(expected, due, TimeSpan.FromMilliseconds(1));
        Assert.Equal("open", await host.Desk.ScalarAsync<string>("SELECT status FROM case_procedures"));
        Assert.Equal("""[{"to": "2026-12-07", "from": "2026-12-01", "kind": "interruption"}]""",
            await host.Desk.ScalarAsync<string>("SELECT clock_events::text FROM case_procedures"));
        Assert.Equal(1, await host.Desk.ScalarAsync<long>("SELECT count(*) FROM deadlines WHERE action = 'lapse' AND fired_at IS NULL"));
        Assert.Equal(1, await LapseRowsAsync(host, due));
        Assert.Equal(0, await LapseRowsAsync(host, OriginalDue));
    }

    [Fact]
    public async Task An_interruption_whose_cap_passes_without_documents_leaves_the_original_due_date()
    {
        var (host, _, _) = await StartAndRequestDocumentsAsync();
        await using var __ = host;

        // The 10-day cap passes on Friday 11 December with no documents.
        host.Time.SetUtcNow(new DateTimeOffset(2026, 12, 11, 10, 0, 0, TimeSpan.Zero));
        await host.App.Services.GetRequiredService<TimerSweeper>().SweepAsync(CancellationToken.None);
        await Eventually.True(async () => await host.Desk.ScalarAsync<string>("SELECT status FROM case_procedures") == "open",
            TimeSpan.FromSeconds(10), "the expired integration reopens the procedure");

        Assert.Equal(OriginalDue, await DueAsync(host), TimeSpan.FromMilliseconds(1));
        Assert.Equal("[]", await host.Desk.ScalarAsync<string>("SELECT clock_events::text FROM case_procedures"));
        Assert.Equal(1, await host.Desk.ScalarAsync<long>("SELECT count(*) FROM deadlines WHERE action = 'lapse' AND fired_at IS NULL"));
        Assert.Equal(1, await LapseRowsAsync(host, OriginalDue));
    }
}
