using System.Drawing;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CaseFlow.Tests.Cases;
using CaseFlow.Tests.Web.Pages;
using OpenQA.Selenium;

namespace CaseFlow.Tests.Web;

/// <summary>The front desk's intake: a citizen found by codice fiscale, a bundle of two agencies, the receipt, the case page.</summary>
public sealed partial class OperatorPagesBrowserTests
{
    private static string SampleDocument(string name)
    {
        var path = System.IO.Path.Combine(ArtifactsFolder.Value, name);
        File.WriteAllBytes(path, "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% certificato medico\n%%EOF\n"u8.ToArray());
        return path;
    }

    /// <summary>The whole page in one picture (the window stretched to the page's height), for docs/screenshots.</summary>
    private static void FullPage(OperatorBrowser browser, string name)
    {
        var height = Convert.ToInt32(((IJavaScriptExecutor)browser.Driver).ExecuteScript("return document.documentElement.scrollHeight"), System.Globalization.CultureInfo.InvariantCulture);
        var window = browser.Driver.Manage().Window;
        var size = window.Size;
        window.Size = new Size(size.Width, Math.Min(height + 140, 7000));
        browser.Screenshot($"{name}-full");
        window.Size = size;
    }

    private static async Task CompleteCurrentAsync(HttpClient admin, string caseId, string outcome)
    {
        var file = await admin.GetFromJsonAsync<JsonObject>($"/api/cases/{caseId}");
        var step = file!["procedures"]!.AsArray().SelectMany(p => p!["currentSteps"]!.AsArray()).Single()!;
        var response = await admin.PostAsJsonAsync($"/api/tasks/{step["taskId"]}/complete", new { outcome, note = "Verificato." });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_desk_registers_the_documents_a_citizen_brings_for_an_integration_request_on_the_case_page()
    {
        using var admin = fixture.CreateAdminClient();
        var started = await admin.PostAsJsonAsync("/api/cases", CaseDesk.Application("contrassegno-disabili", fiscalCode: "VRDLGU70M15L219L"));
        Assert.Equal(System.Net.HttpStatusCode.Created, started.StatusCode);
        var caseId = (await started.Content.ReadFromJsonAsync<JsonObject>())!["caseId"]!.GetValue<string>();
        await CompleteCurrentAsync(admin, caseId, "Certificato rilasciato");
        await CompleteCurrentAsync(admin, caseId, "Fototessera mancante");

        using var browser = Browser("integration");
        browser.Open($"/sportello/pratiche/{caseId}");
        browser.UntilPath("/login");
        new SignInPage(browser).SignInWithKeyboard("sportello", WebBrowserFixture.Password);
        browser.Until(d => new Uri(d.Url).AbsolutePath == $"/sportello/pratiche/{caseId}" && d.FindElements(By.CssSelector(".cf-desk-action")).Count == 1,
            "the suspended procedure offers the desk's form for the documents");
        var casePage = new CaseScreen(browser);
        Assert.Contains("Sospeso", casePage.Procedures.Single().Title);
        Assert.Contains("Termine sospeso: dal", casePage.Procedures.Single().Text);
        browser.Check("case-suspended");

        browser.Find("input[id^='integration-files-']").SendKeys(SampleDocument("fototessera.pdf"));
        browser.Find(".cf-desk-action button[type=submit]").SendKeys(Keys.Enter);
        browser.Until(d => d.FindElements(By.CssSelector("#reply-registered")).Count == 1, "the documents are registered");
        casePage = new CaseScreen(browser);
        Assert.Contains("In lavorazione", casePage.Procedures.Single().Title);
        Assert.Contains(casePage.Documents, d => d.StartsWith("fototessera.pdf", StringComparison.Ordinal));
        Assert.Empty(browser.FindAll(".cf-desk-action"));
        Assert.Contains("Emissione del contrassegno CUDE", casePage.Procedures.Single().Text);
        browser.Check("case-integrated");
        FullPage(browser, "case-integrated");
    }

    [Fact]
    public async Task The_front_desk_starts_a_bundle_of_two_agencies_with_their_forms_and_a_document_and_reads_the_receipt_back()
    {
        using var browser = Browser("intake");
        browser.Open("/sportello/cittadino");
        browser.UntilPath("/login");
        new SignInPage(browser).SignInWithKeyboard("sportello", WebBrowserFixture.Password);
        browser.Arrive("/sportello/cittadino", "Cerca un cittadino");
        browser.Check("citizen-search");

        var search = new CitizenSearchScreen(browser);
        search.Search("BNCGPP75C12H501X");
        browser.Until(d => search.Error, "the codice fiscale is refused beside the field");
        Assert.Equal("Il carattere di controllo non corrisponde.", search.Error);
        Assert.DoesNotContain("BNCGPP75C12H501", browser.Path);
        browser.Check("citizen-search-error");

        search.Search("bncgpp75c12h501r");
        browser.Until(d => search.NoCases, "a citizen without cases is found");
        browser.Check("citizen-found");
        search.StartNewCase();
        browser.Arrive("/sportello/nuova-pratica", "Nuova pratica");
        var intake = new IntakeScreen(browser);
        Assert.Equal("BNCGPP75C12H501R", intake.CitizenValue("fiscalCode"));

        intake.Citizen("firstName", "Giuseppe");
        intake.Citizen("lastName", "Bianchi");
        intake.Citizen("email", "giuseppe.bianchi@example.it");
        intake.Choose("contrassegno-disabili", "invalidita-civile");
        intake.ShowForms();
        browser.Until(d => intake.Forms.Count == 2, "each chosen procedure shows its own form");
        Assert.Equal(["Accertamento dell'invalidità civile e dell'handicap", "Contrassegno di parcheggio per persone con disabilità (CUDE)"], intake.Forms.Order());
        var (badge, exam) = (intake.IndexOf("contrassegno-disabili"), intake.IndexOf("invalidita-civile"));
        browser.Check("intake-forms");
        FullPage(browser, "intake-forms");

        // A first try with mistakes: each one is reported beside its field, and what was typed stays.
        intake.Field(badge, "tipoRichiesta", "rilascio");
        intake.Field(badge, "targa", "ab 123");
        intake.Field(exam, "numeroCertificato", "CI0099887766");
        intake.Start();
        browser.Until(d => intake.Summary, "the refused intake lists its errors");
        Assert.StartsWith("La targa ha due lettere", intake.FieldError($"p{badge}-targa"));
        Assert.Equal("Il campo «Certificazione medica» è obbligatorio.", intake.FieldError($"p{badge}-tipoInvalidita"));
        Assert.Equal("Il campo «Accertamento richiesto» è obbligatorio.", intake.FieldError($"p{exam}-tipoAccertamento"));
        Assert.Equal("ab 123", intake.FieldValue(badge, "targa"));
        Assert.Equal("CI0099887766", intake.FieldValue(exam, "numeroCertificato"));
        browser.Check("intake-errors");
        FullPage(browser, "intake-errors");

        intake.Field(badge, "targa", "AB123CD");
        intake.Field(badge, "tipoInvalidita", "permanente");
        intake.Field(badge, "dataCertificato", "2026-01-15");
        intake.Field(exam, "tipoAccertamento", "entrambi");
        intake.Field(exam, "dataCertificato", "2026-01-15");
        intake.Field(exam, "visitaDomiciliare", "true");
        intake.Attach(SampleDocument("certificato-medico.pdf"));
        browser.Check("intake-ready");
        FullPage(browser, "intake-ready");
        intake.Start();

        browser.Until(d => new Uri(d.Url).AbsolutePath.StartsWith("/sportello/pratiche/", StringComparison.Ordinal) && new CaseScreen(browser).StartedNotice,
            "the case page confirms the intake");
        var casePage = new CaseScreen(browser);
        browser.Check("case-started");
        FullPage(browser, "case-started");
        var procedures = casePage.Procedures;
        Assert.Equal(2, procedures.Count);
        Assert.Contains(procedures, p => p.Title.StartsWith("Contrassegno di parcheggio", StringComparison.Ordinal) && p.Text.Contains("Comune di Limbiate"));
        Assert.Contains(procedures, p => p.Title.StartsWith("Accertamento dell'invalidità", StringComparison.Ordinal) && p.Text.Contains("ASL — ASST Brianza · Commissione medico-legale"));
        Assert.StartsWith("certificato-medico.pdf", Assert.Single(casePage.Documents));
        Assert.All(procedures, p => Assert.Matches(@"^\d{4}/\d{7}$", p.Protocol));
        Assert.Superset(procedures.Select(p => p.Protocol).ToHashSet(), casePage.ProtocolEntries.ToHashSet());

        var (status, contentType, body) = await casePage.DownloadAsync(casePage.ReceiptHref);
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        Assert.Equal("application/pdf", contentType);
        await File.WriteAllBytesAsync(System.IO.Path.Combine(ArtifactsFolder.Value, "intake-receipt.pdf"), body);
        var receipt = PdfText.Read(body).All;
        Assert.Contains($"Codice pratica: {casePage.TrackingCode}", receipt);
        Assert.Contains("Giuseppe Bianchi, codice fiscale BNCGPP75C12H501R", receipt);
        foreach (var procedure in procedures)
        {
            Assert.Contains($"Protocollo n. {procedure.Protocol}", receipt);
        }

        Assert.Contains($"/pratiche/{casePage.TrackingCode}", receipt);
        Assert.Contains("certificato-medico.pdf (protocollo n.", receipt);

        // The citizen is now found with the new case.
        browser.Open("/sportello/cittadino");
        search.Search("BNCGPP75C12H501R");
        browser.Until(d => search.CaseProtocols.Count == 1, "the citizen's case is listed");
        browser.Check("citizen-with-case");
    }

    [Fact]
    public void Without_JavaScript_the_desk_starts_a_procedure_with_its_form_and_a_file_picked_by_hand()
    {
        using var browser = Browser("intake-nojs", javaScript: false);
        browser.Open("/sportello/nuova-pratica");
        browser.UntilPath("/login");
        new SignInPage(browser).SignInWithKeyboard("sportello", WebBrowserFixture.Password);
        browser.Arrive("/sportello/nuova-pratica", "Nuova pratica");
        var intake = new IntakeScreen(browser);
        intake.Citizen("fiscalCode", "MRARSS85M41H501T");
        intake.Citizen("firstName", "Maria");
        intake.Citizen("lastName", "Rossi");
        intake.Choose("mensa-scolastica");
        intake.ShowForms();
        browser.Until(d => intake.Forms.Count == 1, "the form is shown by a plain POST");
        intake.Field(0, "nomeAlunno", "Luca Rossi");
        intake.Field(0, "scuola", "primaria-anna-frank");
        intake.Field(0, "classe", "2A");
        intake.Field(0, "richiestaRiduzione", "true");
        intake.Attach(SampleDocument("modulo-mensa.pdf"));
        intake.Start();
        browser.Until(d => intake.FieldError("p0-iseeEuro"), "the ISEE is required once the reduction is asked");
        Assert.Equal(["modulo-mensa.pdf"], intake.Uploaded);
        browser.Screenshot("intake-nojs-error");

        intake.Field(0, "iseeEuro", "8.400,00");
        intake.Start();
        browser.Until(d => new CaseScreen(browser).StartedNotice, "the case is started without JavaScript");
        var casePage = new CaseScreen(browser);
        Assert.StartsWith("Iscrizione al servizio di mensa scolastica", casePage.Procedures.Single().Title);
        Assert.Single(casePage.Documents);
        browser.Screenshot("intake-nojs-started");
    }
}
