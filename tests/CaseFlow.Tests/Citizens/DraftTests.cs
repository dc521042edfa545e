using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CaseFlow.ServiceDefaults.Retention;
using CaseFlow.Tests.Cases;
using Microsoft.Extensions.DependencyInjection;

namespace CaseFlow.Tests.Citizens;

/// <summary>
/// Drafts in PostgreSQL (C.SE.1.6): saved at every step, listed in the personal area, resumed where the citizen left,
/// seen only by their owner, deleted by the retention sweep once expired; once-only answers (C.SE.1.5).
/// </summary>
public sealed class DraftTests(CitizenDeskFixture fixture) : IClassFixture<CitizenDeskFixture>
{
    private const string Mario = "RSSMRA80A01F205X";

    [Fact]
    public async Task A_draft_is_saved_at_every_step_listed_in_the_personal_area_and_resumed_at_the_step_where_the_citizen_left()
    {
        var mario = CitizenClient.For(fixture.App);
        await mario.SignInAsync("mario", "/servizi/mensa-scolastica/domanda");
        var steps = new OnlineApplicationSteps(mario, "mensa-scolastica");
        Assert.Equal(0, await DraftsOf(Mario));

        Assert.Equal("alunno", await steps.NextAsync("richiedente", OnlineApplicationSteps.Self()));
        Assert.Equal("alunno", await fixture.Desk.ScalarAsync<string>("SELECT step FROM application_drafts WHERE owner = @o AND procedure_id = 'mensa-scolastica'", ("o", Mario)));
        var left = await steps.PostAsync("alunno", "esci", ("campo.nomeAlunno", "Giulia Rossi"), ("campo.scuola", ""), ("campo.classe", ""));
        Assert.Equal("/area-personale?bozza=salvata", left.Headers.Location!.PathAndQuery());

        Assert.Equal(1, await DraftsOf(Mario));
        Assert.Equal("Giulia Rossi", await fixture.Desk.ScalarAsync<string>("SELECT answers->'form'->>'nomeAlunno' FROM application_drafts WHERE owner = @o AND procedure_id = 'mensa-scolastica'", ("o", Mario)));
        Assert.Equal(30, await fixture.Desk.ScalarAsync<int>(
            "SELECT extract(day FROM expires_at - updated_at)::int FROM application_drafts WHERE owner = @o AND procedure_id = 'mensa-scolastica'", ("o", Mario)));
        var area = WebUtility.HtmlDecode(await mario.Client.GetStringAsync("/area-personale?bozza=salvata"));
        Assert.Contains("id=\"draft-notice\"", area);
        Assert.Contains("data-draft=\"mensa-scolastica\"", area);
        Assert.Contains("href=\"/servizi/mensa-scolastica/domanda\" data-resume", area);

        var resumed = await steps.PageAsync();
        Assert.Equal("alunno", OnlineApplicationSteps.CurrentStep(resumed));
        Assert.Contains("value=\"Giulia Rossi\"", resumed);

        var id = await fixture.Desk.ScalarAsync<Guid>("SELECT id FROM application_drafts WHERE owner = @o AND procedure_id = 'mensa-scolastica'", ("o", Mario));
        var deleted = await mario.Client.PostAsync($"/area-personale/bozze/{id}/elimina", Form(await mario.TokenFromAsync("/area-personale")));
        Assert.Equal("/area-personale?bozza=eliminata", deleted.Headers.Location!.PathAndQuery());
        Assert.Equal(0, await DraftsOf(Mario));
    }

    [Fact]
    public async Task Only_the_owner_sees_resumes_or_deletes_a_draft()
    {
        var mario = CitizenClient.For(fixture.App);
        await mario.SignInAsync("mario", "/servizi/contrassegno-disabili/domanda");
        var steps = new OnlineApplicationSteps(mario, "contrassegno-disabili");
        await steps.PostAsync("richiedente", "esci", [.. OnlineApplicationSteps.Self("segreto.mario@example.it")]);
        var id = await fixture.Desk.ScalarAsync<Guid>("SELECT id FROM application_drafts WHERE owner = @o AND procedure_id = 'contrassegno-disabili'", ("o", Mario));

        var luigi = CitizenClient.For(fixture.App);
        await luigi.SignInAsync("luigi");
        var theirs = new OnlineApplicationSteps(luigi, "contrassegno-disabili");
        var page = await theirs.PageAsync();
        Assert.DoesNotContain("segreto.mario@example.it", page);
        Assert.Contains("value=\"luigi.verdi@example.it\"", page);
        Assert.DoesNotContain("data-draft=\"contrassegno-disabili\"", await luigi.Client.GetStringAsync("/area-personale"));
        var refused = await luigi.Client.PostAsync($"/area-personale/bozze/{id}/elimina", Form(await luigi.TokenFromAsync("/area-personale")));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(1, await fixture.Desk.ScalarAsync<long>("SELECT count(*) FROM application_drafts WHERE id = @id", ("id", id)));
        // Sending is by owner too: Luigi's "Invia" finds no draft of his and nothing is started.
        var sent = await theirs.PostAsync("riepilogo", "invia");
        Assert.Equal("/area-personale", sent.Headers.Location!.PathAndQuery());
        Assert.Equal(0, await fixture.Desk.ScalarAsync<long>("SELECT count(*) FROM cases WHERE channel = 'online'"));
        Assert.Equal(1, await fixture.Desk.ScalarAsync<long>("SELECT count(*) FROM application_drafts WHERE id = @id", ("id", id)));
    }

    [Fact]
    public async Task An_expired_draft_is_no_longer_offered_and_the_retention_sweep_deletes_it_with_its_files()
    {
        var mario = CitizenClient.For(fixture.App);
        await mario.SignInAsync("mario", "/servizi/cambio-residenza/domanda");
        var steps = new OnlineApplicationSteps(mario, "cambio-residenza");
        await steps.PostAsync("richiedente", "esci", [.. OnlineApplicationSteps.Self()]);
        var id = await fixture.Desk.ScalarAsync<Guid>("SELECT id FROM application_drafts WHERE owner = @o AND procedure_id = 'cambio-residenza'", ("o", Mario));
        await fixture.Desk.ScalarAsync<int>("""
            INSERT INTO application_draft_files (id, draft_id, file_name, content_type, size, sha256, content, added_at)
            VALUES (gen_random_uuid(), @d, 'a.pdf', 'application/pdf', 8, 'x', '\x255044462d312e37'::bytea, now())
            """, ("d", id));
        await fixture.Desk.ScalarAsync<int>("UPDATE application_drafts SET expires_at = now() - interval '1 minute' WHERE id = @id", ("id", id));

        Assert.DoesNotContain("data-draft=\"cambio-residenza\"", await mario.Client.GetStringAsync("/area-personale"));
        Assert.Equal("richiedente", OnlineApplicationSteps.CurrentStep(await steps.PageAsync("indirizzo")));

        var swept = await fixture.App.Services.GetRequiredService<RetentionSweep>().SweepAsync(CancellationToken.None);

        Assert.True(swept["application-drafts"] >= 1);
        Assert.Equal(0, await fixture.Desk.ScalarAsync<long>("SELECT count(*) FROM application_drafts WHERE id = @id", ("id", id)));
        Assert.Equal(0, await fixture.Desk.ScalarAsync<long>("SELECT count(*) FROM application_draft_files WHERE draft_id = @id", ("id", id)));
    }

    [Fact]
    public async Task A_new_application_is_prefilled_from_the_identity_and_the_citizens_earlier_applications()
    {
        // Luigi applied at the desk before: his ISEE, household and IBAN are what the Comune already has.
        var desk = await fixture.Desk.FrontDesk;
        var application = CaseDesk.Application("contributo-anziani", new JsonObject { ["iseeEuro"] = 8750.5m, ["componentiNucleo"] = 2, ["iban"] = "IT60X0542811101000000123456" },
            fiscalCode: "VRDLGU70M15L219L");
        var started = await desk.PostAsJsonAsync("/api/cases", application);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);

        var luigi = CitizenClient.For(fixture.App);
        await luigi.SignInAsync("luigi", "/servizi/contributo-anziani/domanda");
        var steps = new OnlineApplicationSteps(luigi, "contributo-anziani");
        var first = await steps.PageAsync();
        Assert.Contains("value=\"luigi.verdi@example.it\"", first);
        Assert.Contains("value=\"+393471112233\"", first);
        Assert.Equal("nucleo", await steps.NextAsync("richiedente", [("as", "self"), ("email", "luigi.verdi@example.it"), ("phone", "+393471112233")]));

        var household = await steps.PageAsync("nucleo");
        Assert.Contains("value=\"8750,5\"", household);
        Assert.Contains("id=\"campo-componentiNucleo\" name=\"campo.componentiNucleo\" type=\"text\" value=\"2\"", household);
        Assert.Contains("value=\"IT60X0542811101000000123456\"", await steps.PageAsync("richiesta"));
    }

    private Task<long> DraftsOf(string owner) =>
        fixture.Desk.ScalarAsync<long>("SELECT count(*) FROM application_drafts WHERE owner = @o AND procedure_id = 'mensa-scolastica'", ("o", owner));

    private static FormUrlEncodedContent Form(string token) => new([new("__RequestVerificationToken", token)]);
}
