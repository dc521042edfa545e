using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json.Nodes;
using CaseFlow.ServiceDefaults.Access;
using CaseFlow.ServiceDefaults.Outcomes;
using Microsoft.Extensions.DependencyInjection;

namespace CaseFlow.Tests.Cases;

/// <summary>The desk's use cases called from C#, as the web pages call them, and the bugs the reshaping fixed.</summary>
public class DeskServiceTests(CasesFixture fixture) : IClassFixture<CasesFixture>
{
    private CaseDesk Desk => fixture.Desk;

    private T Service<T>() where T : notnull => fixture.App.Services.GetRequiredService<T>();

    private static ClaimsPrincipal Person(string name, string role, params string[] offices) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role), .. offices.Select(o => new Claim(CaseFlowClaims.Office, o))], "test"));

    private static IntakeRequest Residence(string fiscalCode = CaseDesk.ValidFiscalCode) => new(
        new CitizenInput(fiscalCode, "Mario", "Rossi", "mario.rossi@example.it", null, "it"),
        [new BundleItem("cambio-residenza", null, CaseDesk.SampleForm("cambio-residenza", new JsonObject { ["indirizzo"] = "Via Monte Grappa 12" }))], "desk", null, null, Bundle: false);

    [Fact]
    public async Task An_intake_started_from_CSharp_gives_a_typed_case_and_a_bad_one_a_problem_naming_the_field()
    {
        var intake = Service<CaseIntake>();
        var started = await intake.StartAsync(new IntakeCommand(Residence(), "operatore"), CancellationToken.None);
        Assert.True(started.Succeeded);
        Assert.Single(started.Value.Procedures);
        Assert.Matches(@"^\d{4}/\d{7}$", started.Value.ProtocolNumber);

        var refused = await intake.StartAsync(new IntakeCommand(Residence("NOTAFISCALCODE"), "operatore"), CancellationToken.None);
        Assert.False(refused.Succeeded);
        Assert.Equal(ProblemKind.Validation, refused.Problem.Kind);
        Assert.Equal("citizen.fiscalCode", refused.Problem.Field);

        var view = await Service<CaseFileReader>().GetAsync(started.Value.CaseId, Person("sup", Roles.Supervisor), CancellationToken.None);
        Assert.True(view.Succeeded);
        Assert.Equal("RSSMRA80A01F205X", view.Value.Citizen.FiscalCode);
        Assert.Equal("comune-anagrafe", Assert.Single(Assert.Single(view.Value.Procedures).CurrentSteps).Office);
    }

    [Fact]
    public async Task The_same_idempotency_key_gives_the_first_case_again_and_with_another_request_a_problem()
    {
        var intake = Service<CaseIntake>();
        var first = await intake.StartAsync(new IntakeCommand(Residence(), "operatore", "key-1"), CancellationToken.None);
        var again = await intake.StartAsync(new IntakeCommand(Residence(), "operatore", "key-1"), CancellationToken.None);
        Assert.Equal(first.Value!.CaseId, again.Value!.CaseId);
        Assert.Equal(first.Value.ProtocolNumber, again.Value.ProtocolNumber);

        var other = await intake.StartAsync(new IntakeCommand(Residence("BNCGPP75C12H501R") with { Channel = "online" }, "operatore", "key-1"), CancellationToken.None);
        Assert.Equal(ProblemKind.Unprocessable, other.Problem!.Kind);
        Assert.Equal("Idempotency-Key", other.Problem.Field);
    }

    [Fact]
    public async Task Completing_a_single_outcome_task_without_an_outcome_records_that_outcome_in_the_case_the_timeline_and_the_response()
    {
        var started = await Desk.StartAsync(CaseDesk.Application("cambio-residenza", new JsonObject { ["indirizzo"] = "Via Roma 1" }));
        var caseId = started["caseId"]!.GetValue<string>();
        await Desk.CompleteCurrentAsync(caseId, "comune-anagrafe", "Registrata");
        await Desk.CompleteCurrentAsync(caseId, "comune-polizia-locale", "Dimora accertata");
        var step = await Desk.CurrentStepAsync(caseId);
        Assert.Equal(["Iscrizione confermata"], step["outcomes"]!.AsArray().Select(o => o!.GetValue<string>()));

        var response = await (await Desk.Officer("comune-anagrafe")).PostAsJsonAsync($"/api/tasks/{step["taskId"]}/complete", new { note = "Ok." });
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Iscrizione confermata", body!["outcome"]!.GetValue<string>());

        var view = await Desk.CaseAsync(caseId);
        var closed = view["procedures"]![0]!["steps"]!.AsArray().Single(s => s!["taskId"]!.GetValue<string>() == step["taskId"]!.GetValue<string>())!;
        Assert.Equal("Iscrizione confermata", closed["outcome"]!.GetValue<string>());
        Assert.Contains(view["timeline"]!.AsArray(), e => e!["text"]!.GetValue<string>().Contains("completato con esito \"Iscrizione confermata\""));
    }

    [Fact]
    public async Task A_hand_off_moves_the_task_deadlines_to_the_new_office()
    {
        var caseId = (await Desk.StartAsync(CaseDesk.Application("cambio-residenza")))["caseId"]!.GetValue<string>();
        var taskId = (await Desk.CurrentStepAsync(caseId))["taskId"]!.GetValue<string>();
        var before = await Desk.ScalarAsync<long>("SELECT count(*) FROM deadlines WHERE task_id = @t AND office = 'comune-anagrafe' AND fired_at IS NULL", ("t", Guid.Parse(taskId)));
        Assert.True(before > 0);

        var moved = await Service<TaskWork>().HandOffAsync(Guid.Parse(taskId), "comune-protocollo", "competenza del protocollo",
            Person("anna", Roles.Officer, "comune-anagrafe"), CancellationToken.None);
        Assert.True(moved.Succeeded);
        Assert.Equal("comune-protocollo", moved.Value.Office);
        Assert.Null(moved.Value.ClaimedBy);

        Assert.Equal(0, await Desk.ScalarAsync<long>("SELECT count(*) FROM deadlines WHERE task_id = @t AND office = 'comune-anagrafe' AND fired_at IS NULL", ("t", Guid.Parse(taskId))));
        Assert.Equal(before, await Desk.ScalarAsync<long>("SELECT count(*) FROM deadlines WHERE task_id = @t AND office = 'comune-protocollo' AND fired_at IS NULL", ("t", Guid.Parse(taskId))));
        var timeline = (await Desk.CaseAsync(caseId))["timeline"]!.AsArray();
        Assert.Contains(timeline, e => e!["text"]!.GetValue<string>().Contains("competenza del protocollo"));
    }

    [Fact]
    public async Task An_office_queue_pages_by_due_date_with_a_next_link_and_filters_claimed_and_unclaimed()
    {
        const string office = "comune-servizi-scolastici";
        var officer = await Desk.Officer(office);
        var existing = (await officer.GetFromJsonAsync<JsonArray>($"/api/offices/{office}/tasks"))!.Count;
        for (var i = 0; i < 5; i++)
        {
            await Desk.StartAsync(CaseDesk.Application("mensa-scolastica", new JsonObject { ["richiestaRiduzione"] = false }));
        }

        var seen = new List<string>();
        string? next = $"/api/offices/{office}/tasks?limit=2";
        while (next is not null)
        {
            var page = await officer.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var items = (await page.Content.ReadFromJsonAsync<JsonArray>())!;
            Assert.InRange(items.Count, 1, 2);
            seen.AddRange(items.Select(t => t!["taskId"]!.GetValue<string>()));
            next = page.Headers.TryGetValues("Link", out var links) ? links.Single().Split('>')[0].TrimStart('<') : null;
        }

        Assert.Equal(existing + 5, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());

        var first = seen[0];
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsync($"/api/tasks/{first}/claim", null)).StatusCode);
        var mine = (await officer.GetFromJsonAsync<JsonArray>($"/api/offices/{office}/tasks?claim=mine"))!;
        Assert.Equal(first, Assert.Single(mine)!["taskId"]!.GetValue<string>());
        var unclaimed = (await officer.GetFromJsonAsync<JsonArray>($"/api/offices/{office}/tasks?claim=unclaimed"))!;
        Assert.DoesNotContain(unclaimed, t => t!["taskId"]!.GetValue<string>() == first);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.GetAsync($"/api/offices/{office}/tasks?claim=someone")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.GetAsync($"/api/offices/{office}/tasks?after=not-a-cursor")).StatusCode);
    }

    [Fact]
    public async Task Case_search_by_fiscal_code_works_from_a_post_body_and_pages_newest_first()
    {
        const string fiscalCode = "VRDLGU70M15L219L";
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await Desk.StartAsync(CaseDesk.Application("cambio-residenza", fiscalCode: fiscalCode)))["caseId"]!.GetValue<string>());
        }

        var desk = await Desk.FrontDesk;
        var page1 = await desk.PostAsJsonAsync("/api/cases/search", new { fiscalCode, limit = 2 });
        Assert.Equal(HttpStatusCode.OK, page1.StatusCode);
        var items = (await page1.Content.ReadFromJsonAsync<JsonArray>())!.Select(c => c!["id"]!.GetValue<string>()).ToList();
        Assert.Equal([ids[2], ids[1]], items);
        var cursor = page1.Headers.GetValues("X-Next-Cursor").Single();
        var page2 = await desk.PostAsJsonAsync("/api/cases/search", new { fiscalCode, limit = 2, after = cursor });
        Assert.Equal([ids[0]], (await page2.Content.ReadFromJsonAsync<JsonArray>())!.Select(c => c!["id"]!.GetValue<string>()));
        Assert.False(page2.Headers.Contains("X-Next-Cursor"));
    }
}
