using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CaseFlow.Tests.Cases;

namespace CaseFlow.Tests.Citizens;

/// <summary>
/// The citizen's side of a case: public pages without sign-in, the tracking page, the personal area that shows only
/// one's own cases, and answering the office online (the clock runs again).
/// </summary>
public partial class CitizenCasesTests(CitizenDeskFixture fixture) : IClassFixture<CitizenDeskFixture>
{
    private const string Luigi = "VRDLGU70M15L219L";

    private CaseDesk Desk => fixture.Desk;

    [Fact]
    public async Task The_services_page_lists_every_published_procedure_without_signing_in()
    {
        var html = WebUtility.HtmlDecode(await fixture.App.CreateClient().GetStringAsync("/servizi"));

        foreach (var title in new[] { "Cambio di residenza (dichiarazione anagrafica)", "Assegno di maternità dei Comuni", "Iscrizione al servizio di mensa scolastica",
                     "Contrassegno di parcheggio per persone con disabilità (CUDE)", "Contributo economico per anziani", "Accertamento dell'invalidità civile e dell'handicap" })
        {
            Assert.Contains(title, html);
        }

        Assert.Equal(6, ServiceLink().Matches(html).Count);
        Assert.Contains("href=\"/dichiarazione-di-accessibilita\"", html);
        Assert.Contains("href=\"/privacy\"", html);
    }

    [Fact]
    public async Task A_service_page_follows_the_C_SI_1_3_order_carries_GovernmentService_JSON_LD_and_its_button_signs_in_into_the_service()
    {
        var html = await fixture.App.CreateClient().GetStringAsync("/servizi/cambio-residenza");

        string[] order = ["data-element=\"service-category\"", "data-element=\"service-title\"", "data-element=\"service-status\"", "data-element=\"service-description\"",
            "data-element=\"service-addressed\"", "data-element=\"service-how-to\"", "data-element=\"service-needed\"", "data-element=\"service-achieved\"",
            "data-element=\"service-calendar-text\"", "data-element=\"service-online-access\"", "data-element=\"service-file\"", "data-element=\"service-area\"",
            "data-element=\"service-topic\""];
        var positions = order.Select(e => html.IndexOf(e, StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p > 0));
        Assert.Equal(positions.Order(), positions);
        var jsonLd = JsonNode.Parse(JsonLd().Match(html).Groups[1].Value)!;
        Assert.Equal("GovernmentService", jsonLd["@type"]!.GetValue<string>());
        Assert.Equal("Cambio di residenza (dichiarazione anagrafica)", jsonLd["name"]!.GetValue<string>());
        Assert.Equal("Anagrafe e stato civile", jsonLd["serviceType"]!.GetValue<string>());
        Assert.Contains("Ufficio Anagrafe", jsonLd["provider"]!["name"]!.GetValue<string>());
        Assert.Contains("href=\"/accedi?returnUrl=%2Fservizi%2Fcambio-residenza%2Fdomanda\"", html);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.App.CreateClient().GetAsync("/servizi/non-esiste")).StatusCode);
    }

    [Fact]
    public async Task The_tracking_page_shows_status_protocol_dates_and_stages_without_signing_in_and_the_JSON_route_stays()
    {
        var started = await Desk.StartAsync(CaseDesk.Application("mensa-scolastica"));
        var code = started["trackingCode"]!.GetValue<string>();

        var html = WebUtility.HtmlDecode(await fixture.App.CreateClient().GetStringAsync($"/pratiche/{code}"));

        Assert.Contains("Gentile Mario, ecco lo stato della sua pratica.", html);
        Assert.Contains(started["protocolNumber"]!.GetValue<string>(), html);
        Assert.Contains("In lavorazione", html);
        Assert.Contains("Data prevista di conclusione (al più tardi)", html);
        Assert.DoesNotContain(CaseDesk.ValidFiscalCode, html);
        Assert.DoesNotContain("Rossi", html);
        Assert.Matches(@"\d{1,2} [a-z]+ \d{4}", html);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.App.CreateClient().GetAsync("/pratiche/NONESISTE7777")).StatusCode);
        var json = await fixture.App.CreateClient().GetAsync($"/api/track/{code}");
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_citizen_sees_only_their_own_cases_and_cannot_open_or_answer_anothers()
    {
        var mine = await Desk.StartAsync(CaseDesk.Application("mensa-scolastica"));
        var theirs = await Desk.StartAsync(CaseDesk.Application("mensa-scolastica", fiscalCode: Luigi));
        var mario = CitizenClient.For(fixture.App);
        await mario.SignInAsync("mario");

        var area = await mario.Client.GetStringAsync("/area-personale");

        Assert.Contains(mine["protocolNumber"]!.GetValue<string>(), area);
        Assert.Contains(mine["trackingCode"]!.GetValue<string>(), area);
        Assert.DoesNotContain(theirs["protocolNumber"]!.GetValue<string>(), area);
        Assert.DoesNotContain(theirs["trackingCode"]!.GetValue<string>(), area);
        var theirCode = theirs["trackingCode"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.NotFound, (await mario.Client.GetAsync($"/pratiche/{theirCode}/rispondi")).StatusCode);
        var theirProcedure = theirs["procedures"]![0]!["id"]!.GetValue<string>();
        var token = await mario.TokenFromAsync("/area-personale");
        var post = await mario.Client.PostAsync($"/pratiche/{theirCode}/rispondi/{theirProcedure}",
            new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new StringContent("Non è mia."), "text" } });
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);

        var luigi = CitizenClient.For(fixture.App);
        await luigi.SignInAsync("luigi");
        var luigiArea = await luigi.Client.GetStringAsync("/area-personale");
        Assert.Contains(theirs["protocolNumber"]!.GetValue<string>(), luigiArea);
        Assert.DoesNotContain(mine["protocolNumber"]!.GetValue<string>(), luigiArea);
    }

    [Fact]
    public async Task Documents_requested_by_the_office_are_uploaded_online_registered_as_incoming_and_the_clock_runs_again()
    {
        var started = await Desk.StartAsync(CaseDesk.Application("contributo-anziani", new JsonObject { ["iseeEuro"] = 9000 }));
        var caseId = started["caseId"]!.GetValue<string>();
        var code = started["trackingCode"]!.GetValue<string>();
        await Desk.CompleteCurrentAsync(caseId, "comune-servizi-sociali", "Documenti mancanti");
        Assert.Equal("suspended", await Desk.ScalarAsync<string>("SELECT status FROM case_procedures WHERE case_id = @id", ("id", Guid.Parse(caseId))));
        var uploadUrl = JsonNode.Parse((await Desk.ScalarAsync<string>(
            "SELECT model::text FROM outbox_messages WHERE template = 'documents-requested' AND case_id = @id", ("id", Guid.Parse(caseId))))!)!["upload_url"]!.GetValue<string>();
        Assert.EndsWith($"/pratiche/{code}/rispondi", uploadUrl);
        var mario = CitizenClient.For(fixture.App);
        await mario.SignInAsync("mario", $"/pratiche/{code}/rispondi");
        var page = await mario.Client.GetStringAsync($"/pratiche/{code}/rispondi");
        Assert.Contains("Invia i documenti", page);
        var procedureId = started["procedures"]![0]!["id"]!.GetValue<string>();
        var token = await mario.TokenFromAsync($"/pratiche/{code}/rispondi");

        var renamed = await PostFilesAsync(mario, code, procedureId, token, ("isee.pdf", "MZ this is not a pdf"u8.ToArray()));
        Assert.Equal($"/pratiche/{code}/rispondi?procedura={procedureId}&errore=formato", renamed.Headers.Location!.OriginalString);
        var refused = WebUtility.HtmlDecode(await mario.Client.GetStringAsync(renamed.Headers.Location));
        Assert.Contains("non è in un formato ammesso", refused);
        Assert.Contains("aria-invalid=\"true\"", refused);
        Assert.Equal("suspended", await Desk.ScalarAsync<string>("SELECT status FROM case_procedures WHERE case_id = @id", ("id", Guid.Parse(caseId))));

        var sent = await PostFilesAsync(mario, code, procedureId, token, ("isee.pdf", "%PDF-1.7 attestazione ISEE"u8.ToArray()));
        Assert.Equal($"/pratiche/{code}/rispondi?inviato={procedureId}", sent.Headers.Location!.OriginalString);
        Assert.Equal("open", await Desk.ScalarAsync<string>("SELECT status FROM case_procedures WHERE case_id = @id", ("id", Guid.Parse(caseId))));
        Assert.Equal(1, await Desk.ScalarAsync<long>("SELECT count(*) FROM case_documents WHERE case_id = @id AND file_name = 'isee.pdf'", ("id", Guid.Parse(caseId))));
        Assert.Equal("in", await Desk.ScalarAsync<string>(
            "SELECT e.direction FROM protocol_entries e JOIN case_documents d ON d.protocol_number = e.number WHERE d.case_id = @id", ("id", Guid.Parse(caseId))));
        Assert.Contains((await Desk.CaseAsync(caseId))["timeline"]!.AsArray(), e => e!["kind"]!.GetValue<string>() == "integration-received");
        Assert.Contains("non attende nulla", WebUtility.HtmlDecode(await mario.Client.GetStringAsync($"/pratiche/{code}/rispondi")));
    }

    [Fact]
    public async Task A_notice_of_refusal_is_answered_online_from_the_emails_reply_link_with_observations_and_a_document()
    {
        var started = await Desk.StartAsync(CaseDesk.Application("cambio-residenza"));
        var caseId = started["caseId"]!.GetValue<string>();
        var code = started["trackingCode"]!.GetValue<string>();
        await Desk.CompleteCurrentAsync(caseId, "comune-anagrafe", "Registrata");
        await Desk.CompleteCurrentAsync(caseId, "comune-polizia-locale", "Dimora non accertata");
        var replyUrl = JsonNode.Parse((await Desk.ScalarAsync<string>(
            "SELECT model::text FROM outbox_messages WHERE template = 'refusal-notice' AND case_id = @id", ("id", Guid.Parse(caseId))))!)!["reply_url"]!.GetValue<string>();
        var mario = CitizenClient.For(fixture.App);
        await mario.SignInAsync("mario", new Uri(replyUrl).AbsolutePath);
        var procedureId = started["procedures"]![0]!["id"]!.GetValue<string>();
        var token = await mario.TokenFromAsync($"/pratiche/{code}/rispondi");

        var empty = await mario.Client.PostAsync($"/pratiche/{code}/rispondi/{procedureId}",
            new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new StringContent(" "), "text" } });
        Assert.EndsWith("errore=testo", empty.Headers.Location!.OriginalString);
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("Abito all'indirizzo dal 1° novembre: allego il contratto di locazione."), "text" },
        };
        form.Add(File("contratto.pdf", "%PDF-1.4 contratto"u8.ToArray()), "files", "contratto.pdf");
        var sent = await mario.Client.PostAsync($"/pratiche/{code}/rispondi/{procedureId}", form);

        Assert.EndsWith($"inviato={procedureId}", sent.Headers.Location!.OriginalString);
        Assert.Contains((await Desk.CaseAsync(caseId))["timeline"]!.AsArray(), e => e!["kind"]!.GetValue<string>() == "observations-received");
        Assert.Equal(1, await Desk.ScalarAsync<long>(
            "SELECT count(*) FROM protocol_entries WHERE case_id = @id AND direction = 'in' AND subject LIKE 'Osservazioni%'", ("id", Guid.Parse(caseId))));
    }

    [Fact]
    public async Task Every_link_of_the_citizens_emails_opens_an_HTML_page()
    {
        var started = await Desk.StartAsync(CaseDesk.Application("cambio-residenza"));
        var caseId = Guid.Parse(started["caseId"]!.GetValue<string>());
        await Desk.CompleteCurrentAsync(caseId.ToString(), "comune-anagrafe", "Registrata");
        await Desk.CompleteCurrentAsync(caseId.ToString(), "comune-polizia-locale", "Dimora accertata");
        var links = new List<string>();
        await using (var connection = new Npgsql.NpgsqlConnection(fixture.App.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand("SELECT html_body FROM outbox_messages WHERE case_id = @id", connection);
            command.Parameters.AddWithValue("id", caseId);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                links.AddRange(Href().Matches(reader.GetString(0)).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)));
            }
        }

        Assert.NotEmpty(links);
        Assert.Contains(links, l => l.Contains("/pratiche/"));
        Assert.DoesNotContain(links, l => l.Contains("/api/"));
        // The notice of start confirms the application with its receipt, a PDF behind the citizen's sign-in (C.SE.1.2).
        var code = started["trackingCode"]!.GetValue<string>();
        var receipt = Assert.Single(links.Distinct(), l => l.EndsWith($"/area-personale/pratiche/{code}/ricevuta", StringComparison.Ordinal));
        var anonymous = CitizenClient.For(fixture.App);
        foreach (var link in links.Distinct().Where(l => l != receipt))
        {
            var response = await anonymous.Client.GetAsync(new Uri(link).PathAndQuery);
            Assert.True(response.Content.Headers.ContentType?.MediaType == "text/html", $"{link} answered {response.Content.Headers.ContentType}");
        }

        var unsigned = await anonymous.Client.GetAsync(new Uri(receipt).PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, unsigned.StatusCode);
        Assert.StartsWith("/accedi", unsigned.Headers.Location!.OriginalString.Replace(fixture.App.Server.BaseAddress.ToString().TrimEnd('/'), ""));
        var mario = CitizenClient.For(fixture.App);
        await mario.SignInAsync("mario");
        var pdf = await mario.Client.GetAsync(new Uri(receipt).PathAndQuery);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<HttpResponseMessage> PostFilesAsync(CitizenClient citizen, string code, string procedureId, string token, params (string Name, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (name, bytes) in files)
        {
            form.Add(File(name, bytes), "files", name);
        }

        return await citizen.Client.PostAsync($"/pratiche/{code}/rispondi/{procedureId}", form);
    }

    private static ByteArrayContent File(string name, byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".pdf", StringComparison.Ordinal) ? "application/pdf" : "application/octet-stream");
        return content;
    }

    [GeneratedRegex("data-element=\"service-link\"")]
    private static partial Regex ServiceLink();

    [GeneratedRegex("<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex JsonLd();

    [GeneratedRegex("href=\"(https?://[^\"]+)\"")]
    private static partial Regex Href();
}
