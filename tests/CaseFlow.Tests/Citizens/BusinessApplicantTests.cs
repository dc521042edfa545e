using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CaseFlow.Tests.Cases;

namespace CaseFlow.Tests.Citizens;

/// <summary>
/// Applying for a company: partita IVA with its check digit verified, name and role, the person from the login; the
/// case records the company, and the personal area shows the person's own cases and their company's.
/// </summary>
public sealed partial class BusinessApplicantTests(CitizenDeskFixture fixture) : IClassFixture<CitizenDeskFixture>
{
    private const string Giuseppe = "BNCGPP75C12H501R";
    private const string Vat = "01234567897";

    [Fact]
    public async Task A_legal_representative_applies_for_the_company_prefilled_from_the_identity_with_the_partita_IVA_checked_beside_the_field()
    {
        var giuseppe = CitizenClient.For(fixture.App);
        await giuseppe.SignInAsync("giuseppe-impresa", "/servizi/mensa-scolastica/domanda");
        var steps = new OnlineApplicationSteps(giuseppe, "mensa-scolastica");
        var first = await steps.PageAsync();
        Assert.Contains($"id=\"vatNumber\" name=\"vatNumber\" type=\"text\" inputmode=\"numeric\" maxlength=\"13\" value=\"{Vat}\"", first);
        Assert.Contains("value=\"Bianchi Costruzioni S.r.l.\"", first);

        var refused = await steps.PostAsync("richiedente", "avanti", Company("01234567890", "Bianchi Costruzioni S.r.l.", ""));
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Matches("id=\"vatNumber-error\">La partita IVA non è valida: la cifra di controllo non corrisponde", html);
        Assert.Contains("id=\"role-error\"", html);
        Assert.Contains("value=\"01234567890\"", html);
        Assert.Equal("richiedente", await fixture.Desk.ScalarAsync<string>("SELECT step FROM application_drafts WHERE owner = @o", ("o", Giuseppe)));

        Assert.Equal("alunno", await steps.NextAsync("richiedente", Company(Vat, "Bianchi Costruzioni S.r.l.", "legale-rappresentante")));
        Assert.Equal("servizio", await steps.NextAsync("alunno", OnlineApplicationSteps.Pupil));
        Assert.Equal("documenti", await steps.NextAsync("servizio", OnlineApplicationSteps.NoDiet));
        var documents = await giuseppe.Client.PostAsync("/servizi/mensa-scolastica/domanda/documenti", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", await giuseppe.TokenFromAsync(steps.Path)), new("azione", "avanti")]));
        Assert.EndsWith("passo=riepilogo", documents.Headers.Location!.OriginalString);
        Assert.Contains("Per l'impresa Bianchi Costruzioni S.r.l. (partita IVA 01234567897), come legale rappresentante", await steps.PageAsync());

        var sent = await steps.PostAsync("riepilogo", "invia");

        var code = Regex.Match(sent.Headers.Location!.OriginalString, "inviata=([A-Z0-9]+)").Groups[1].Value;
        Assert.Equal(Giuseppe, await fixture.Desk.ScalarAsync<string>("SELECT fiscal_code FROM cases WHERE tracking_code = @c", ("c", code)));
        Assert.Equal(Vat, await fixture.Desk.ScalarAsync<string>("SELECT company_vat FROM cases WHERE tracking_code = @c", ("c", code)));
        Assert.Equal("legale-rappresentante", await fixture.Desk.ScalarAsync<string>("SELECT company->>'role' FROM cases WHERE tracking_code = @c", ("c", code)));
        Assert.Contains("per Bianchi Costruzioni S.r.l. (P. IVA 01234567897)", await fixture.Desk.ScalarAsync<string>(
            "SELECT correspondent FROM protocol_entries p JOIN cases c ON c.id = p.case_id WHERE c.tracking_code = @c", ("c", code)));
    }

    [Fact]
    public async Task The_personal_area_shows_the_persons_own_cases_and_those_of_the_company_they_act_for_and_nobody_elses()
    {
        // A delegate (Mario) applied at the desk for Giuseppe's company; Luigi applied for himself.
        var desk = await fixture.Desk.FrontDesk;
        var forCompany = CaseDesk.Application("contributo-anziani");
        forCompany["company"] = new JsonObject { ["vatNumber"] = "IT" + Vat, ["name"] = "Bianchi Costruzioni S.r.l.", ["role"] = "delegato" };
        var companyCase = (await (await desk.PostAsJsonAsync("/api/cases", forCompany)).Content.ReadFromJsonAsync<JsonObject>())!;
        var companyCode = companyCase["trackingCode"]!.GetValue<string>();
        var luigisCode = (await (await desk.PostAsJsonAsync("/api/cases", CaseDesk.Application("contributo-anziani", fiscalCode: "VRDLGU70M15L219L")))
            .Content.ReadFromJsonAsync<JsonObject>())!["trackingCode"]!.GetValue<string>();

        var giuseppe = CitizenClient.For(fixture.App);
        await giuseppe.SignInAsync("giuseppe-impresa");
        var area = WebUtility.HtmlDecode(await giuseppe.Client.GetStringAsync("/area-personale"));
        Assert.Contains($"data-case=\"{companyCode}\"", area);
        Assert.Contains("Per l'impresa Bianchi Costruzioni S.r.l.", area);
        Assert.DoesNotContain($"data-case=\"{luigisCode}\"", area);
        Assert.Equal("application/pdf", (await giuseppe.Client.GetAsync($"/area-personale/pratiche/{companyCode}/ricevuta")).Content.Headers.ContentType?.MediaType);

        var luigi = CitizenClient.For(fixture.App);
        await luigi.SignInAsync("luigi");
        Assert.DoesNotContain($"data-case=\"{companyCode}\"", await luigi.Client.GetStringAsync("/area-personale"));
        Assert.Equal(HttpStatusCode.NotFound, (await luigi.Client.GetAsync($"/area-personale/pratiche/{companyCode}/ricevuta")).StatusCode);
    }

    [Fact]
    public async Task The_intake_API_refuses_a_company_without_a_valid_partita_IVA_name_or_role_naming_each_field()
    {
        var desk = await fixture.Desk.FrontDesk;
        var application = CaseDesk.Application("contributo-anziani", fiscalCode: "VRDLGU70M15L219L");
        application["company"] = new JsonObject { ["vatNumber"] = "12345678901", ["name"] = " ", ["role"] = "titolare" };

        var refused = await desk.PostAsJsonAsync("/api/cases", application);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = (await refused.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(problem["errors"]?["company.name"] is not null, problem.ToJsonString());
        Assert.NotNull(problem["errors"]!["company.vatNumber"]);
        Assert.NotNull(problem["errors"]!["company.name"]);
        Assert.NotNull(problem["errors"]!["company.role"]);
        Assert.Equal(0, await fixture.Desk.ScalarAsync<long>("SELECT count(*) FROM cases WHERE fiscal_code = 'VRDLGU70M15L219L'"));
    }

    private static (string, string)[] Company(string vat, string name, string role) =>
        [("as", "company"), ("vatNumber", vat), ("companyName", name), ("role", role), ("email", "amministrazione@bianchicostruzioni.example.it"), ("phone", "")];
}
