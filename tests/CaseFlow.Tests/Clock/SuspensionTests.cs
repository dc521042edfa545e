using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CaseFlow.Tests.Workflows;
using CaseFlow.Workflows.Definitions;
using Microsoft.Extensions.DependencyInjection;

namespace CaseFlow.Tests.Clock;

/// <summary>Art. 2 c.7 on a running case: one suspension per procedure unless its sheet allows more, and suspensions the citizen only hears about.</summary>
public class SuspensionTests
{
    private static async Task<JsonObject> LatestModelAsync(ClockHost host, string template) =>
        JsonNode.Parse((await host.Desk.ScalarAsync<string>("SELECT model::text FROM outbox_messages WHERE template = @t ORDER BY created_at DESC, id DESC LIMIT 1", ("t", template)))!)!
            .AsObject();

    private static Task<long> SuspensionsAsync(ClockHost host) => host.Desk.ScalarAsync<long>(
        "SELECT count(*) FROM case_procedures p, jsonb_array_elements(p.clock_events) e WHERE e->>'kind' = 'suspension'");

    private static async Task ReceiveAsync(ClockHost host, string caseId)
    {
        var procedureId = await host.Desk.ScalarAsync<Guid>("SELECT id FROM case_procedures WHERE case_id = @id", ("id", Guid.Parse(caseId)));
        var response = await (await host.Desk.FrontDesk).PostAsJsonAsync($"/api/cases/{caseId}/procedures/{procedureId}/integration", new { documents = Array.Empty<Guid>() });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_second_request_for_documents_goes_out_but_the_term_keeps_running()
    {
        await using var host = await ClockHost.StartAsync();
        var caseId = (await host.Desk.StartAsync(Cases.CaseDesk.Application("contributo-anziani", new JsonObject { ["iseeEuro"] = 9000 })))["caseId"]!.GetValue<string>();
        var firstDue = await host.Desk.ScalarAsync<DateTime>("SELECT due_at FROM case_procedures");
        await host.Desk.CompleteCurrentAsync(caseId, "comune-servizi-sociali", "Documenti mancanti");
        host.Time.Advance(TimeSpan.FromDays(4));
        await ReceiveAsync(host, caseId);
        var resumedDue = await host.Desk.ScalarAsync<DateTime>("SELECT due_at FROM case_procedures");
        Assert.Equal(firstDue.AddDays(4), resumedDue);

        host.Time.Advance(TimeSpan.FromDays(2));
        await host.Desk.CompleteCurrentAsync(caseId, "comune-servizi-sociali", "Documenti mancanti");

        Assert.Equal("open", await host.Desk.ScalarAsync<string>("SELECT status FROM case_procedures"));
        Assert.Equal(1, await SuspensionsAsync(host));
        Assert.Equal(resumedDue, await host.Desk.ScalarAsync<DateTime>("SELECT due_at FROM case_procedures"));
        Assert.Equal(1, await host.Desk.ScalarAsync<long>("SELECT count(*) FROM deadlines WHERE kind = 'procedure' AND action = 'lapse' AND fired_at IS NULL"));
        Assert.Equal(2, await host.OutboxAsync("documents-requested"));
        Assert.Equal("none", (await LatestModelAsync(host, "documents-requested"))["clock_effect"]!.GetValue<string>());

        await ReceiveAsync(host, caseId);
        Assert.Equal(1, await host.OutboxAsync("clock-resumed"));
    }

    [Fact]
    public async Task Documents_asked_of_another_administration_tell_the_citizen_the_term_is_suspended_and_a_sheet_may_allow_a_second_suspension()
    {
        await using var host = await ClockHost.StartAsync();
        var definition = Def.Flowchart("acquisizione-certificati",
            [
                Def.Start(),
                Acquire("primo", "Certificato storico di residenza (Comune di Milano)"),
                Acquire("secondo", "Estratto dell'atto di nascita (Comune di Napoli)"),
                Def.End(),
            ],
            [("start", "Done", "primo"), ("primo", "Received", "secondo"), ("secondo", "Received", "end")]);
        definition["customProperties"] = new JsonObject
        {
            ["caseflow"] = new JsonObject
            {
                ["sheet"] = new JsonObject
                {
                    ["title"] = "Acquisizione d'ufficio", ["agency"] = "comune-limbiate", ["office"] = "comune-servizi-sociali", ["term"] = "P30D",
                    ["silenceAssent"] = false, ["multipleSuspensions"] = true,
                },
            },
        };
        await host.App.Services.GetRequiredService<DefinitionStore>().SaveAsync(definition, publish: true, "test", CancellationToken.None);
        var caseId = (await host.Desk.StartAsync(Cases.CaseDesk.Application("acquisizione-certificati")))["caseId"]!.GetValue<string>();

        Assert.Equal("suspended", await host.Desk.ScalarAsync<string>("SELECT status FROM case_procedures"));
        Assert.Equal(0, await host.OutboxAsync("documents-requested"));
        var notice = await LatestModelAsync(host, "clock-suspended");
        Assert.Contains("Certificato storico di residenza", notice["reason"]!.GetValue<string>());
        Assert.Equal("2026-11-23", notice["suspended_on"]!.GetValue<string>());
        Assert.Equal(30, notice["max_days"]!.GetValue<int>());
        Assert.Equal(1, await host.Desk.ScalarAsync<long>("SELECT count(*) FROM protocol_entries WHERE direction = 'out' AND correspondent = 'Amministrazione competente'"));

        host.Time.Advance(TimeSpan.FromDays(3));
        await ReceiveAsync(host, caseId);
        Assert.Equal(2, await SuspensionsAsync(host));
        Assert.Equal("suspended", await host.Desk.ScalarAsync<string>("SELECT status FROM case_procedures"));
        Assert.Equal(2, await host.OutboxAsync("clock-suspended"));
        Assert.Equal(1, await host.OutboxAsync("clock-resumed"));
    }

    private static JsonObject Acquire(string id, string document) => Def.Activity(id, "CaseFlow.RequestIntegration",
        ("documents", Def.Literal(new JsonArray(document).ToJsonString(), "String[]")),
        ("source", Def.Literal("Administration")));
}
