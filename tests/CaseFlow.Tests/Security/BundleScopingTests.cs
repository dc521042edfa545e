using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CaseFlow.Tests.Cases;

namespace CaseFlow.Tests.Security;

/// <summary>In a bundle an officer reads and acts on the procedures of their own offices only.</summary>
public class BundleScopingTests(CasesFixture fixture) : IClassFixture<CasesFixture>
{
    private const string Marker = "ISEE-7777-RISERVATO";

    private async Task<(string CaseId, string Residence, string School)> StartBundleAsync()
    {
        var response = await (await fixture.Desk.FrontDesk).PostAsJsonAsync("/api/bundles", new
        {
            citizen = CaseDesk.Citizen(),
            channel = "desk",
            procedures = new object[]
            {
                new { procedureId = "cambio-residenza" },
                new { procedureId = "mensa-scolastica", formData = new { richiestaRiduzione = true, noteRiservate = Marker } },
            },
        });
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var procedures = body["procedures"]!.AsArray();
        return (body["caseId"]!.GetValue<string>(), procedures[0]!["id"]!.GetValue<string>(), procedures[1]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_anagrafe_officer_reads_the_residence_procedure_of_a_bundle_but_not_the_school_procedure_its_form_or_its_events()
    {
        var (caseId, residence, school) = await StartBundleAsync();

        var anagrafe = await (await fixture.Desk.Officer("comune-anagrafe")).GetStringAsync($"/api/cases/{caseId}");
        var view = JsonNode.Parse(anagrafe)!;
        Assert.Equal([residence], view["procedures"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()));
        Assert.DoesNotContain(Marker, anagrafe);
        Assert.True(!anagrafe.Contains("Mensa", StringComparison.OrdinalIgnoreCase), anagrafe);
        Assert.All(view["timeline"]!.AsArray(), e => Assert.NotEqual(school, e!["procedureId"]?.GetValue<string>()));

        // The school office sees its own procedure with its form; the supervisor sees the whole case.
        var schools = JsonNode.Parse(await (await fixture.Desk.Officer("comune-servizi-scolastici")).GetStringAsync($"/api/cases/{caseId}"))!;
        Assert.Equal([school], schools["procedures"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()));
        Assert.Equal(Marker, schools["procedures"]![0]!["formData"]!["noteRiservate"]!.GetValue<string>());
        Assert.Equal(2, (await fixture.Desk.CaseAsync(caseId))["procedures"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_document_brought_for_one_procedure_is_downloaded_only_by_the_offices_of_that_procedure()
    {
        var (caseId, _, school) = await StartBundleAsync();
        using var content = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4\n%test\n"u8.ToArray()) { Headers = { ContentType = new("application/pdf") } }, "file", "isee.pdf" } };
        var uploaded = await (await (await fixture.Desk.FrontDesk).PostAsync("/api/documents", content)).Content.ReadFromJsonAsync<JsonObject>();
        var documentId = uploaded!["id"]!.GetValue<string>();
        // As the integration step attaches it (ClockSignals): to the case and to the school procedure.
        await fixture.Desk.ScalarAsync<int>("UPDATE case_documents SET case_id = @case, procedure_id = @procedure WHERE id = @id RETURNING 1",
            ("case", Guid.Parse(caseId)), ("procedure", Guid.Parse(school)), ("id", Guid.Parse(documentId)));

        var byAnagrafe = await (await fixture.Desk.Officer("comune-anagrafe")).GetAsync($"/api/documents/{documentId}");
        var bySchools = await (await fixture.Desk.Officer("comune-servizi-scolastici")).GetAsync($"/api/documents/{documentId}");

        Assert.Equal(HttpStatusCode.Forbidden, byAnagrafe.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bySchools.StatusCode);
        Assert.DoesNotContain(documentId, await (await fixture.Desk.Officer("comune-anagrafe")).GetStringAsync($"/api/cases/{caseId}"));
    }
}
