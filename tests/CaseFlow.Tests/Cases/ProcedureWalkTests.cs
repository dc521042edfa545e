using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CaseFlow.Tests.Cases;

/// <summary>Each shipped procedure, from intake at the desk through its offices (and agencies) to the final act, via the HTTP API.</summary>
public class ProcedureWalkTests(CasesFixture fixture) : IClassFixture<CasesFixture>
{
    private CaseDesk Desk => fixture.Desk;

    public static TheoryData<string, string, string[]> Walks => new()
    {
        { "contributo-anziani", "{\"iseeEuro\": 11200}", [
            "comune-servizi-sociali|Documenti mancanti", "#documents", "comune-servizi-sociali|Completa",
            "asl-valutazione-multidimensionale|Parere favorevole", "comune-servizi-sociali|Determina adottata"] },
        { "invalidita-civile", "{}", ["asl-commissione|Requisiti riconosciuti"] },
        { "contrassegno-disabili", "{}", ["asl-commissione|Certificato rilasciato", "comune-polizia-locale|Contrassegno emesso"] },
        { "cambio-residenza", "{\"indirizzo\": \"Via Monte Grappa 12\"}", [
            "comune-anagrafe|Registrata", "comune-polizia-locale|Dimora accertata", "comune-anagrafe|Iscrizione confermata"] },
        { "assegno-maternita", "{}", [
            "comune-servizi-sociali|Requisiti presenti", "comune-servizi-sociali|Trasmesso all'INPS", "inps-prestazioni|Dati da rettificare",
            "comune-servizi-sociali|Trasmesso all'INPS", "inps-prestazioni|Pagamento disposto"] },
        { "mensa-scolastica", "{\"richiestaRiduzione\": true, \"iseeEuro\": \"8.400,00\"}", ["comune-servizi-scolastici|Iscrizione ammissibile", "comune-servizi-sociali|Tariffa determinata"] },
    };

    [Theory]
    [MemberData(nameof(Walks))]
    public async Task A_shipped_procedure_walks_from_intake_across_its_offices_to_the_final_act(string procedureId, string formData, string[] steps)
    {
        var started = await Desk.StartAsync(CaseDesk.Application(procedureId, JsonNode.Parse(formData)!.AsObject()));
        var caseId = started["caseId"]!.GetValue<string>();
        Assert.Equal("open", started["status"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}/\d{7}$", started["protocolNumber"]!.GetValue<string>());

        foreach (var step in steps)
        {
            if (step == "#documents")
            {
                var procedure = (await Desk.CaseAsync(caseId))["procedures"]![0]!;
                Assert.Equal("suspended", procedure["status"]!.GetValue<string>());
                var response = await (await Desk.FrontDesk).PostAsJsonAsync($"/api/cases/{caseId}/procedures/{procedure["id"]}/integration", new { documents = Array.Empty<Guid>() });
                Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
                continue;
            }

            var (office, outcome) = (step.Split('|')[0], step.Split('|')[1]);
            await Desk.CompleteCurrentAsync(caseId, office, outcome);
        }

        var closed = await Desk.CaseAsync(caseId);
        Assert.Equal("closed", closed["status"]!.GetValue<string>());
        var only = Assert.Single(closed["procedures"]!.AsArray())!;
        Assert.Equal("granted", only["status"]!.GetValue<string>());
        Assert.Empty(only["currentSteps"]!.AsArray());
        Assert.Equal(steps.Count(s => s != "#documents"), only["steps"]!.AsArray().Count);
        Assert.Contains(closed["protocol"]!.AsArray(), e => e!["direction"]!.GetValue<string>() == "out" && e["subject"]!.GetValue<string>().StartsWith("Provvedimento finale"));
        Assert.Contains(closed["timeline"]!.AsArray(), e => e!["kind"]!.GetValue<string>() == "final-act");
        Assert.Contains(closed["messages"]!.AsArray(), m => m!["template"]!.GetValue<string>() == "final-act");
        Assert.Contains(closed["messages"]!.AsArray(), m => m!["template"]!.GetValue<string>() == "case-received");
        Assert.DoesNotContain(closed["timeline"]!.AsArray(), e => e!["kind"]!.GetValue<string>() == "message-failed");
        Assert.Equal(closed["messages"]!.AsArray().Count, await Desk.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE case_id = @id", ("id", Guid.Parse(caseId))));
    }

    [Fact]
    public async Task The_catalogue_lists_the_six_shipped_procedures_with_their_sheets()
    {
        var catalogue = await (await Desk.FrontDesk).GetFromJsonAsync<JsonArray>("/api/procedures");
        var ids = catalogue!.Select(p => p!["id"]!.GetValue<string>()).ToHashSet();
        Assert.Superset(new HashSet<string> { "contributo-anziani", "contrassegno-disabili", "cambio-residenza", "assegno-maternita", "mensa-scolastica", "invalidita-civile" }, ids);
        var residence = await (await Desk.FrontDesk).GetFromJsonAsync<JsonObject>("/api/procedures/cambio-residenza");
        Assert.Equal("P45D", residence!["sheet"]!["term"]!.GetValue<string>());
        Assert.True(residence["sheet"]!["silenceAssent"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_bundle_starts_several_procedures_under_one_tracking_code_each_with_its_own_clock_and_offices()
    {
        var response = await (await Desk.FrontDesk).PostAsJsonAsync("/api/bundles", new
        {
            citizen = CaseDesk.Citizen(),
            channel = "desk",
            procedures = new object[] { new { procedureId = "cambio-residenza", formData = CaseDesk.SampleForm("cambio-residenza") }, new { procedureId = "mensa-scolastica", formData = CaseDesk.SampleForm("mensa-scolastica") } },
        });
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var procedures = body!["procedures"]!.AsArray();
        Assert.Equal(2, procedures.Count);
        Assert.NotEqual(procedures[0]!["dueDate"]!.GetValue<DateTimeOffset>(), procedures[1]!["dueDate"]!.GetValue<DateTimeOffset>());

        var view = await Desk.CaseAsync(body["caseId"]!.GetValue<string>());
        var offices = view["procedures"]!.AsArray().SelectMany(p => p!["currentSteps"]!.AsArray()).Select(s => s!["office"]!.GetValue<string>()).Order().ToArray();
        Assert.Equal(["comune-anagrafe", "comune-servizi-scolastici"], offices);
        Assert.Equal(2, view["timeline"]!.AsArray().Count(e => e!["kind"]!.GetValue<string>() == "procedure-started"));
    }
}
