using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CaseFlow.ServiceDefaults.Retention;
using CaseFlow.Tests.Cases;
using CaseFlow.Tests.Clock;
using Microsoft.Extensions.DependencyInjection;

namespace CaseFlow.Tests.Security;

/// <summary>Reads of personal data are recorded; personal data is erased when its retention period ends, the archival records stay.</summary>
public class ReadAuditTests(CasesFixture fixture) : IClassFixture<CasesFixture>
{
    [Fact]
    public async Task Reading_a_case_downloading_its_document_and_searching_by_fiscal_code_are_recorded_and_shown_to_supervisors_only()
    {
        using var content = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4\n%audit\n"u8.ToArray()) { Headers = { ContentType = new("application/pdf") } }, "file", "delega.pdf" } };
        var document = (await (await (await fixture.Desk.FrontDesk).PostAsync("/api/documents", content)).Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var application = CaseDesk.Application("cambio-residenza", fiscalCode: "VRDLGU70M15L219L");
        application["documents"] = new JsonArray(document);
        var caseId = (await fixture.Desk.StartAsync(application))["caseId"]!.GetValue<string>();
        var anagrafe = await fixture.Desk.Officer("comune-anagrafe");

        Assert.Equal(HttpStatusCode.OK, (await anagrafe.GetAsync($"/api/cases/{caseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anagrafe.GetAsync($"/api/documents/{document}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await fixture.Desk.FrontDesk).PostAsJsonAsync("/api/cases/search", new { fiscalCode = "vrdlgu70m15l219l" })).StatusCode);

        var reads = await (await fixture.Desk.Supervisor).GetFromJsonAsync<JsonArray>($"/api/cases/{caseId}/reads");
        var seen = reads!.Select(r => (r!["what"]!.GetValue<string>(), r["detail"]?.GetValue<string>())).ToList();
        Assert.Contains(("case-file", null), seen);
        Assert.Contains(("document", "delega.pdf"), seen);
        Assert.Contains(("search", "ricerca per codice fiscale VRDLGU70M15L219L"), seen);
        Assert.All(reads!, r => Assert.False(string.IsNullOrEmpty(r!["actor"]!.GetValue<string>())));
        Assert.Equal(HttpStatusCode.Forbidden, (await anagrafe.GetAsync($"/api/cases/{caseId}/reads")).StatusCode);
    }

    [Fact]
    public async Task A_refused_read_is_not_recorded_as_a_read()
    {
        var caseId = (await fixture.Desk.StartAsync(CaseDesk.Application("mensa-scolastica", new JsonObject { ["richiestaRiduzione"] = false })))["caseId"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.Forbidden, (await (await fixture.Desk.Officer("asl-commissione")).GetAsync($"/api/cases/{caseId}")).StatusCode);

        Assert.Equal(0L, await fixture.Desk.ScalarAsync<long>("SELECT count(*) FROM case_reads WHERE case_id = @id", ("id", Guid.Parse(caseId))));
    }
}

public class RetentionTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Retention:ClosedCaseDays"] = "30",
        ["Notifications:RetainFinishedDays"] = "10",
        ["Notifications:Dispatch"] = "false",
    };

    [Fact]
    public async Task A_case_closed_longer_than_its_retention_loses_its_personal_data_and_flow_but_keeps_its_protocol_outcome_and_audit()
    {
        await using var host = await ClockHost.StartAsync(Settings);
        var closed = (await host.Desk.StartAsync(CaseDesk.Application("cambio-residenza")))["caseId"]!.GetValue<string>();
        host.Time.SetUtcNow(await host.DueAtAsync("lapse", "procedure") + TimeSpan.FromMinutes(1));
        await host.SweepAsync(); // silence-assent closes the case
        Assert.Equal("closed", await host.Desk.ScalarAsync<string>("SELECT status FROM cases WHERE id = @id", ("id", Guid.Parse(closed))));
        await host.Desk.ScalarAsync<int>("UPDATE outbox_messages SET status = 'sent', sent_at = created_at RETURNING 1");
        var open = (await host.Desk.StartAsync(CaseDesk.Application("cambio-residenza", fiscalCode: "BNCGPP75C12H501R")))["caseId"]!.GetValue<string>();
        var protocolEntries = await host.Desk.ScalarAsync<long>("SELECT count(*) FROM protocol_entries");
        var sweep = host.App.Services.GetRequiredService<RetentionSweep>();

        host.Time.Advance(TimeSpan.FromDays(29)); // not yet 30 days closed
        Assert.Equal(0, (await sweep.SweepAsync(CancellationToken.None))["closed-cases"]);
        host.Time.Advance(TimeSpan.FromDays(2));
        var changed = await sweep.SweepAsync(CancellationToken.None);

        Assert.Equal(1, changed["closed-cases"]);
        var id = ("id", (object)Guid.Parse(closed));
        Assert.StartsWith("erased:", await host.Desk.ScalarAsync<string>("SELECT fiscal_code FROM cases WHERE id = @id", id));
        Assert.Equal("{\"erased\": true}", await host.Desk.ScalarAsync<string>("SELECT citizen::text FROM cases WHERE id = @id", id));
        Assert.Equal(0L, await host.Desk.ScalarAsync<long>("SELECT count(*) FROM case_messages WHERE case_id = @id AND (text IS NOT NULL OR recipient IS NOT NULL)", id));
        Assert.Equal(0L, await host.Desk.ScalarAsync<long>(
            "SELECT count(*) FROM workflow_instances i JOIN case_procedures p ON p.instance_id = i.id WHERE p.case_id = @id", id));
        Assert.Equal(0L, await host.Desk.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE case_id = @id", id));
        // What the law keeps, and what the indicators need, stays.
        Assert.Equal(protocolEntries, await host.Desk.ScalarAsync<long>("SELECT count(*) FROM protocol_entries"));
        Assert.Equal("silence-assent", await host.Desk.ScalarAsync<string>("SELECT outcome FROM case_procedures WHERE case_id = @id", id));
        Assert.Equal(1L, await host.Desk.ScalarAsync<long>("SELECT count(*) FROM audit_trail WHERE entity = 'case' AND entity_id = @id AND action = 'erased'",
            ("id", closed)));
        Assert.Equal(HttpStatusCode.OK, (await (await host.Desk.Supervisor).GetAsync($"/api/cases/{closed}")).StatusCode);
        // The open case is untouched, with its flow and its pending mail.
        var other = ("id", (object)Guid.Parse(open));
        Assert.Equal("BNCGPP75C12H501R", await host.Desk.ScalarAsync<string>("SELECT fiscal_code FROM cases WHERE id = @id", other));
        Assert.Equal(1L, await host.Desk.ScalarAsync<long>(
            "SELECT count(*) FROM workflow_instances i JOIN case_procedures p ON p.instance_id = i.id WHERE p.case_id = @id", other));
        Assert.True(await host.Desk.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE case_id = @id", other) > 0);

        Assert.Equal(0, (await sweep.SweepAsync(CancellationToken.None))["closed-cases"]);
    }
}
