using System.Net;
using System.Text.RegularExpressions;

namespace CaseFlow.Tests.Citizens;

/// <summary>
/// Applying online as steps (C.SE.1.8) from the service page: the identity fills the applicant in, each step is checked
/// by the desk's rules with the message beside the field, Back keeps what was typed, the summary (C.SE.1.4) lists every
/// answer with "Modifica" links, and "Invia" goes through the same intake (channel online) as the desk.
/// </summary>
public partial class ApplyOnlineTests(CitizenDeskFixture fixture) : IClassFixture<CitizenDeskFixture>
{
    [Fact]
    public async Task The_form_is_split_into_the_declared_steps_with_a_stepper_and_errors_beside_the_field_keep_the_citizen_on_the_step()
    {
        var mario = CitizenClient.For(fixture.App);
        Assert.Equal("/servizi/mensa-scolastica/domanda", await mario.SignInAsync("mario", "/servizi/mensa-scolastica/domanda"));
        var steps = new OnlineApplicationSteps(mario, "mensa-scolastica");

        var first = await steps.PageAsync();
        Assert.Equal("richiedente", OnlineApplicationSteps.CurrentStep(first));
        // Every step is in the stepper, the form's own (L'alunno, Dieta e tariffa), the documents and the summary.
        foreach (var title in new[] { "1. Richiedente", "2. L'alunno", "3. Dieta e tariffa", "4. Documenti", "5. Riepilogo" })
        {
            Assert.Contains(title, first);
        }

        Assert.Contains("RSSMRA80A01F205X", first);
        Assert.Contains("value=\"mario.rossi@example.it\"", first);

        Assert.Equal("alunno", await steps.NextAsync("richiedente", OnlineApplicationSteps.Self()));
        var refused = await steps.PostAsync("alunno", "avanti", ("campo.scuola", "primaria-don-milani"), ("campo.classe", "3b"));
        var refusedHtml = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("alunno", OnlineApplicationSteps.CurrentStep(refusedHtml));
        Assert.Contains("id=\"campo-nomeAlunno-error\"", refusedHtml);
        Assert.Contains("id=\"campo-classe-error\"", refusedHtml);
        Assert.Contains("value=\"3b\"", refusedHtml);
        Assert.DoesNotContain("campo-dieta-error", refusedHtml);

        Assert.Equal("servizio", await steps.NextAsync("alunno", OnlineApplicationSteps.Pupil));
        // Back to edit: the earlier step shows what was typed, and going back saves this step's answers too.
        var back = await steps.PostAsync("servizio", "indietro", ("campo.dieta", "etico-religiosa"));
        Assert.EndsWith("passo=alunno", back.Headers.Location!.OriginalString);
        var edit = await steps.PageAsync("alunno");
        Assert.Contains("value=\"Luca Rossi\"", edit);
        Assert.Contains("<option value=\"etico-religiosa\" selected", await steps.PageAsync("servizio"));

        // Nothing was sent: saving a step is not sending the application.
        Assert.Equal(0, await fixture.Desk.ScalarAsync<long>("SELECT count(*) FROM case_procedures WHERE form_data->>'dieta' = 'etico-religiosa'"));
        await fixture.Desk.ScalarAsync<int>("DELETE FROM application_drafts WHERE owner = 'RSSMRA80A01F205X'");
    }

    [Fact]
    public async Task The_summary_lists_every_answer_with_edit_links_and_sending_registers_the_case_online_and_deletes_the_draft()
    {
        var mario = CitizenClient.For(fixture.App);
        await mario.SignInAsync("mario", "/servizi/mensa-scolastica/domanda");
        var steps = new OnlineApplicationSteps(mario, "mensa-scolastica");
        Assert.Equal("alunno", await steps.NextAsync("richiedente", OnlineApplicationSteps.Self()));
        Assert.Equal("servizio", await steps.NextAsync("alunno", OnlineApplicationSteps.Pupil));
        Assert.Equal("documenti", await steps.NextAsync("servizio", OnlineApplicationSteps.NoDiet));
        await fixture.Desk.ScalarAsync<int>("UPDATE application_drafts SET step = 'riepilogo' WHERE owner = 'RSSMRA80A01F205X' AND procedure_id = 'mensa-scolastica'");

        var summary = await steps.PageAsync();
        Assert.Equal("riepilogo", OnlineApplicationSteps.CurrentStep(summary));
        foreach (var answer in new[] { "Luca Rossi", "Scuola primaria Don Lorenzo Milani", "3B", "Nessuna", "Per me", "mario.rossi@example.it", "Nessun documento allegato" })
        {
            Assert.Contains(answer, summary);
        }

        foreach (var step in new[] { "richiedente", "alunno", "servizio", "documenti" })
        {
            Assert.Contains($"href=\"/servizi/mensa-scolastica/domanda?passo={step}\" data-edit=\"{step}\"", summary);
        }

        var draftId = await fixture.Desk.ScalarAsync<Guid>("SELECT id FROM application_drafts WHERE owner = 'RSSMRA80A01F205X' AND procedure_id = 'mensa-scolastica'");
        var sent = await steps.PostAsync("riepilogo", "invia");

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var code = Regex.Match(sent.Headers.Location!.OriginalString, "inviata=([A-Z0-9]+)").Groups[1].Value;
        Assert.Equal("online", await fixture.Desk.ScalarAsync<string>("SELECT channel FROM cases WHERE tracking_code = @c", ("c", code)));
        Assert.Equal(0, await fixture.Desk.ScalarAsync<long>("SELECT count(*) FROM application_drafts WHERE id = @id", ("id", draftId)));
        Assert.Equal(1, await fixture.Desk.ScalarAsync<long>("SELECT count(*) FROM idempotency_keys WHERE key = @k", ("k", $"online-draft-{draftId}")));
        Assert.Equal("Luca Rossi", await fixture.Desk.ScalarAsync<string>(
            "SELECT p.form_data->>'nomeAlunno' FROM case_procedures p JOIN cases c ON c.id = p.case_id WHERE c.tracking_code = @c", ("c", code)));
        Assert.Equal(1, await fixture.Desk.ScalarAsync<long>(
            "SELECT count(*) FROM outbox_messages o JOIN cases c ON c.id = o.case_id WHERE c.tracking_code = @c AND o.template = 'case-received'", ("c", code)));
        var protocol = await fixture.Desk.ScalarAsync<string>("SELECT protocol_number FROM cases WHERE tracking_code = @c", ("c", code));
        var confirmation = WebUtility.HtmlDecode(await mario.Client.GetStringAsync(sent.Headers.Location));
        Assert.Contains($"protocollo n. {protocol}", confirmation);
        Assert.Contains("concluderà il procedimento entro il", confirmation);
        var receipt = await mario.Client.GetAsync($"/area-personale/pratiche/{code}/ricevuta");
        Assert.Equal("application/pdf", receipt.Content.Headers.ContentType?.MediaType);

        // A second press of "Invia" finds no draft: no second case, the citizen lands in the personal area.
        var again = await steps.PostAsync("riepilogo", "invia");
        Assert.Equal("/area-personale", again.Headers.Location!.PathAndQuery());
        Assert.Equal(1, await fixture.Desk.ScalarAsync<long>(
            "SELECT count(*) FROM cases WHERE fiscal_code = 'RSSMRA80A01F205X' AND channel = 'online' AND received_at >= (SELECT received_at FROM cases WHERE tracking_code = @c)", ("c", code)));

        var luigi = CitizenClient.For(fixture.App);
        await luigi.SignInAsync("luigi");
        Assert.Equal(HttpStatusCode.NotFound, (await luigi.Client.GetAsync($"/area-personale/pratiche/{code}/ricevuta")).StatusCode);
    }

    [Fact]
    public async Task A_summary_with_a_missing_answer_is_not_sent_and_links_the_field_on_its_step()
    {
        var luigi = CitizenClient.For(fixture.App);
        await luigi.SignInAsync("luigi", "/servizi/mensa-scolastica/domanda");
        var steps = new OnlineApplicationSteps(luigi, "mensa-scolastica");
        Assert.Equal("alunno", await steps.NextAsync("richiedente", OnlineApplicationSteps.Self("luigi.verdi@example.it")));
        await fixture.Desk.ScalarAsync<int>("UPDATE application_drafts SET step = 'riepilogo' WHERE owner = 'VRDLGU70M15L219L' AND procedure_id = 'mensa-scolastica'");

        var refused = await steps.PostAsync("riepilogo", "invia");

        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("href=\"/servizi/mensa-scolastica/domanda?passo=alunno#campo-nomeAlunno\"", html);
        Assert.Equal(0, await fixture.Desk.ScalarAsync<long>("SELECT count(*) FROM cases WHERE fiscal_code = 'VRDLGU70M15L219L' AND channel = 'online'"));
        Assert.Equal(1, await fixture.Desk.ScalarAsync<long>("SELECT count(*) FROM application_drafts WHERE owner = 'VRDLGU70M15L219L'"));
        await fixture.Desk.ScalarAsync<int>("DELETE FROM application_drafts WHERE owner = 'VRDLGU70M15L219L'");
    }
}
