using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CaseFlow.Tests.Cases;

/// <summary>Who may do what: frontdesk starts cases, officers see their offices' cases only, supervisors see all, designers no case data.</summary>
public class AuthorisationTests(CasesFixture fixture) : IClassFixture<CasesFixture>
{
    private CaseDesk Desk => fixture.Desk;

    [Fact]
    public async Task Anonymous_callers_get_401_on_case_data()
    {
        var anonymous = fixture.App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/cases")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/cases", CaseDesk.Application("cambio-residenza"))).StatusCode);
    }

    [Fact]
    public async Task Designers_see_no_case_data_and_cannot_start_cases()
    {
        var caseId = (await Desk.StartAsync(CaseDesk.Application("cambio-residenza")))["caseId"]!.GetValue<string>();
        var designer = await Desk.Designer;

        Assert.Equal(HttpStatusCode.Forbidden, (await designer.GetAsync($"/api/cases/{caseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await designer.GetAsync("/api/cases")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await designer.GetAsync("/api/offices/comune-anagrafe/tasks")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await designer.PostAsJsonAsync("/api/cases", CaseDesk.Application("cambio-residenza"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await designer.GetAsync("/api/procedures")).StatusCode);
    }

    [Fact]
    public async Task Frontdesk_starts_cases_and_sees_them_but_works_no_office_queue()
    {
        var frontdesk = await Desk.FrontDesk;
        var caseId = (await Desk.StartAsync(CaseDesk.Application("cambio-residenza")))["caseId"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.OK, (await frontdesk.GetAsync($"/api/cases/{caseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await frontdesk.GetAsync("/api/offices/comune-anagrafe/tasks")).StatusCode);
    }

    [Fact]
    public async Task Officers_see_only_cases_involving_their_offices_and_cannot_start_cases()
    {
        var residence = (await Desk.StartAsync(CaseDesk.Application("cambio-residenza")))["caseId"]!.GetValue<string>();
        var canteen = (await Desk.StartAsync(CaseDesk.Application("mensa-scolastica")))["caseId"]!.GetValue<string>();
        var registry = await Desk.Officer("comune-anagrafe");

        Assert.Equal(HttpStatusCode.OK, (await registry.GetAsync($"/api/cases/{residence}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await registry.GetAsync($"/api/cases/{canteen}")).StatusCode);
        var found = await registry.GetFromJsonAsync<JsonArray>("/api/cases");
        Assert.Contains(found!, c => c!["id"]!.GetValue<string>() == residence);
        Assert.DoesNotContain(found!, c => c!["id"]!.GetValue<string>() == canteen);
        Assert.Equal(HttpStatusCode.Forbidden, (await registry.GetAsync("/api/offices/comune-servizi-scolastici/tasks")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await registry.PostAsJsonAsync("/api/cases", CaseDesk.Application("cambio-residenza"))).StatusCode);

        var canteenTask = (await Desk.CurrentStepAsync(canteen))["taskId"]!.GetValue<string>();
        var foreign = await registry.PostAsJsonAsync($"/api/tasks/{canteenTask}/complete", new { outcome = "Iscrizione ammissibile" });
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal("open", await Desk.ScalarAsync<string>("SELECT status FROM case_tasks WHERE id = @id", ("id", Guid.Parse(canteenTask))));
    }

    [Fact]
    public async Task Supervisors_see_every_case_and_every_queue()
    {
        var canteen = (await Desk.StartAsync(CaseDesk.Application("mensa-scolastica")))["caseId"]!.GetValue<string>();
        var supervisor = await Desk.Supervisor;

        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync($"/api/cases/{canteen}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync("/api/offices/comune-servizi-scolastici/tasks")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsJsonAsync("/api/cases", CaseDesk.Application("cambio-residenza"))).StatusCode);
    }

    [Fact]
    public async Task An_officer_key_carries_its_offices_as_claims()
    {
        var response = await fixture.App.CreateAdminClient().PostAsJsonAsync("/api/admin/api-keys",
            new { name = "vigile", roles = new[] { "officer" }, offices = new[] { "comune-polizia-locale" } });
        var created = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("comune-polizia-locale", Assert.Single(created!["offices"]!.AsArray())!.GetValue<string>());
        var officer = fixture.App.CreateClient(created["key"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/api/offices/comune-polizia-locale/tasks")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/offices/comune-anagrafe/tasks")).StatusCode);
    }
}
