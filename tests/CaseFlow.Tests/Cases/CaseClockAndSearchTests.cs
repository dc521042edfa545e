using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CaseFlow.Tests.Cases;

public class CaseClockAndSearchTests(CaseClockAndSearchTests.Fixture fixture) : IClassFixture<CaseClockAndSearchTests.Fixture>
{
    /// <summary>A tracking limit of three a minute, so the fourth request shows the limiter.</summary>
    public sealed class Fixture : CasesFixture
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Cases:TrackingRequestsPerMinute"] = "3" };
    }

    private CaseDesk Desk => fixture.Desk;

    private async Task<DateTimeOffset> DueAsync(string caseId) =>
        (await Desk.CaseAsync(caseId))["procedures"]![0]!["dueDate"]!.GetValue<DateTimeOffset>();

    [Fact]
    public async Task Requesting_documents_suspends_the_procedure_clock_and_receiving_them_resumes_it()
    {
        var started = await Desk.StartAsync(CaseDesk.Application("contributo-anziani", new JsonObject { ["iseeEuro"] = 9000 }));
        var caseId = started["caseId"]!.GetValue<string>();
        var due = await DueAsync(caseId);

        await Desk.CompleteCurrentAsync(caseId, "comune-servizi-sociali", "Documenti mancanti");
        var view = await Desk.CaseAsync(caseId);
        Assert.Equal("suspended", view["procedures"]![0]!["status"]!.GetValue<string>());
        Assert.True(await DueAsync(caseId) > due, "while suspended the term counts as if it resumed at the 30-day cap");
        Assert.Contains(view["messages"]!.AsArray(), m => m!["template"]!.GetValue<string>() == "documents-requested");
        Assert.Contains(view["protocol"]!.AsArray(), e => e!["subject"]!.GetValue<string>().StartsWith("Richiesta di integrazione"));

        var procedureId = view["procedures"]![0]!["id"]!.GetValue<string>();
        var received = await (await Desk.FrontDesk).PostAsJsonAsync($"/api/cases/{caseId}/procedures/{procedureId}/integration", new { documents = Array.Empty<Guid>() });
        Assert.Equal(HttpStatusCode.OK, received.StatusCode);
        Assert.Equal("open", (await Desk.CaseAsync(caseId))["procedures"]![0]!["status"]!.GetValue<string>());
        Assert.Equal(due, await DueAsync(caseId)); // suspended and resumed the same day: no day lost
        Assert.Contains((await Desk.CaseAsync(caseId))["messages"]!.AsArray(), m => m!["template"]!.GetValue<string>() == "clock-resumed");
        var again = await (await Desk.FrontDesk).PostAsJsonAsync($"/api/cases/{caseId}/procedures/{procedureId}/integration", new { documents = Array.Empty<Guid>() });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Cases_are_found_by_fiscal_code_protocol_status_and_office()
    {
        var started = await Desk.StartAsync(CaseDesk.Application("mensa-scolastica", fiscalCode: "MRARSS85M41H501T"));
        var supervisor = await Desk.Supervisor;

        var byCode = await supervisor.GetFromJsonAsync<JsonArray>("/api/cases?fiscalCode=mrarss85m41h501t");
        Assert.Equal(started["caseId"]!.GetValue<string>(), Assert.Single(byCode!)!["id"]!.GetValue<string>());
        var byProtocol = await supervisor.GetFromJsonAsync<JsonArray>($"/api/cases?protocol={Uri.EscapeDataString(started["protocolNumber"]!.GetValue<string>())}");
        Assert.Single(byProtocol!);
        Assert.Contains((await supervisor.GetFromJsonAsync<JsonArray>("/api/cases?status=open&office=comune-servizi-scolastici"))!,
            c => c!["id"]!.GetValue<string>() == started["caseId"]!.GetValue<string>());
        Assert.Empty((await supervisor.GetFromJsonAsync<JsonArray>("/api/cases?fiscalCode=MRARSS85M41H501T&status=closed"))!);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.GetAsync("/api/cases?status=archiviata")).StatusCode);
    }

    [Fact]
    public async Task The_tracking_page_is_rate_limited()
    {
        var code = (await Desk.StartAsync(CaseDesk.Application("cambio-residenza")))["trackingCode"]!.GetValue<string>();
        var citizen = fixture.App.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await citizen.GetAsync($"/api/track/{code}")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }
}
