using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CaseFlow.Tests.Cases;
using CaseFlow.Tests.Infrastructure;
using CaseFlow.Tests.Studio;
using CaseFlow.Tests.Web.Pages;
using OpenQA.Selenium;

namespace CaseFlow.Tests.Citizens;

/// <summary>The compiled host as a process with the development OpenID Connect provider, for the citizens' pages in Chromium.</summary>
public sealed class CitizenBrowserFixture : IAsyncLifetime
{
    public const string AdminKey = "citizen-browser-admin-key";

    private HostProcess? host;

    public HostProcess Host => host ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync()
    {
        host = HostProcess.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings__CaseFlow"] = await TestCluster.CreateDatabaseAsync(),
            ["Auth__BootstrapAdminApiKey"] = AdminKey,
            ["Jobs__WorkerCount"] = "1",
            ["DevIdentity__Enabled"] = "true",
            ["DevIdentity__AllowOutsideDevelopment"] = "true",
        });
        await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
    }

    public HttpClient Admin()
    {
        var client = new HttpClient { BaseAddress = Host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", AdminKey);
        return client;
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CitizenBrowserCollection
{
    public const string Name = "Citizens' pages in Chromium";
}

/// <summary>
/// A citizen in headless Chromium, through the real OpenID Connect redirects: every page is screenshotted into
/// artifacts/citizens and checked by axe-core.
/// </summary>
[Collection(CitizenBrowserCollection.Name)]
public sealed class CitizenBrowserTests(CitizenBrowserFixture fixture) : IClassFixture<CitizenBrowserFixture>
{
    private static readonly Lazy<string> ArtifactsFolder = new(() => Chromium.ArtifactsFolder("citizens"));

    /// <summary>Pressed with the keyboard (Enter on the focused button), as a keyboard-only user sends the form.</summary>
    private static void Click(OperatorBrowser browser, string css) => browser.Find(css).SendKeys(Keys.Enter);

    private static void Choose(OperatorBrowser browser, string css, string value) =>
        ((IJavaScriptExecutor)browser.Driver).ExecuteScript("document.querySelector(arguments[0]).value = arguments[1]", css, value);

    private OperatorBrowser Browser(string prefix) => new(fixture.Host.BaseAddress, ArtifactsFolder.Value, prefix);

    private static void UntilStep(OperatorBrowser browser, string step) =>
        browser.Until(d => d.FindElements(By.CssSelector($"#stepper li[aria-current='step'][data-step='{step}']")).Count > 0, $"the application is at the step {step}");

    [Fact]
    public void From_the_service_page_a_citizen_signs_in_fills_in_the_steps_leaves_resumes_the_draft_checks_the_summary_and_sends()
    {
        using var browser = Browser("apply");
        browser.Open("/servizi");
        browser.Arrive("/servizi", "Servizi");
        browser.Check("services");

        browser.Find("a[href='/servizi/mensa-scolastica']").Click();
        browser.Arrive("/servizi/mensa-scolastica", "Iscrizione al servizio di mensa scolastica");
        Assert.Contains("GovernmentService", (string?)((IJavaScriptExecutor)browser.Driver).ExecuteScript(
            "return document.querySelector('script[type=\"application/ld+json\"]').textContent"));
        browser.Check("service-page");

        browser.Find("#start-service").Click();
        browser.Until(d => d.Url.Contains("/dev-identity/connect/authorize"), "the browser is at the provider's sign-in page");
        browser.Check("provider-sign-in");
        browser.Find("#person-mario").Click();

        browser.Arrive("/servizi/mensa-scolastica/domanda", "Iscrizione al servizio di mensa scolastica");
        UntilStep(browser, "richiedente");
        Assert.Equal(5, browser.FindAll("#stepper li").Count);
        Assert.Contains("RSSMRA80A01F205X", browser.Find("#applicant").Text);
        Assert.Equal("mario.rossi@example.it", browser.Find("#email").GetAttribute("value"));
        browser.Check("apply-applicant");

        Click(browser, "#step-next");
        UntilStep(browser, "alunno");
        Click(browser, "#step-next");
        browser.Until(d => d.FindElements(By.CssSelector("#error-summary")).Count > 0, "the step reports the missing fields");
        Assert.NotEmpty(browser.FindAll("#campo-nomeAlunno-error"));
        browser.Check("apply-step-errors");

        browser.Find("#campo-nomeAlunno").SendKeys("Luca Rossi");
        Choose(browser, "#campo-scuola", "primaria-don-milani");
        browser.Find("#campo-classe").SendKeys("3B");
        Click(browser, "#step-leave");

        browser.Arrive("/area-personale", "Area personale");
        Assert.Contains("Iscrizione al servizio di mensa scolastica", browser.Find("[data-draft='mensa-scolastica']").Text);
        browser.Check("personal-area-draft");

        Click(browser, "[data-draft='mensa-scolastica'] [data-resume]");
        UntilStep(browser, "alunno");
        Assert.Equal("Luca Rossi", browser.Find("#campo-nomeAlunno").GetAttribute("value"));
        // The keyboard meets the buttons in the order the eye does, and Enter in a field still goes forward.
        Assert.Equal(["step-back", "step-leave", "step-next"], browser.FindAll("#apply-form button[id^='step-']").Select(b => b.GetAttribute("id")!).ToArray());
        browser.Find("#campo-nomeAlunno").SendKeys(Keys.Enter);
        UntilStep(browser, "servizio");
        Choose(browser, "#campo-dieta", "nessuna");
        browser.Check("apply-step-form");
        Click(browser, "#step-next");

        UntilStep(browser, "documenti");
        var file = Path.Combine(Path.GetTempPath(), $"modulo-{Guid.NewGuid():N}.pdf");
        File.WriteAllText(file, "%PDF-1.7 modulo di iscrizione");
        browser.Find("#files").SendKeys(file);
        Click(browser, "#upload-files");
        browser.Until(d => d.FindElements(By.CssSelector("#draft-files li")).Count == 1, "the document is kept with the draft");
        File.Delete(file);
        browser.Check("apply-documents");
        Click(browser, "#step-next");

        UntilStep(browser, "riepilogo");
        var summary = browser.Find("#summary").Text;
        foreach (var answer in new[] { "Luca Rossi", "Scuola primaria Don Lorenzo Milani", "3B", "Nessuna", "Per me", Path.GetFileName(file) })
        {
            Assert.Contains(answer, summary);
        }

        Assert.Equal(4, browser.FindAll("#summary [data-edit]").Count);
        browser.Check("apply-summary");
        Click(browser, "#send-application");

        browser.Arrive("/area-personale", "Area personale");
        Assert.Contains("protocollo n.", browser.Find("#application-sent").Text);
        Assert.NotEmpty(browser.FindAll("#receipt-link"));
        Assert.Contains("Iscrizione al servizio di mensa scolastica", browser.Find("main [data-case]").Text);
        Assert.Empty(browser.FindAll("[data-draft='mensa-scolastica']"));
        browser.Check("personal-area-sent");
    }

    [Fact]
    public async Task A_notice_of_refusal_is_answered_in_the_browser_with_observations_and_an_attachment()
    {
        using var admin = fixture.Admin();
        var started = await (await admin.PostAsJsonAsync("/api/cases", CaseDesk.Application("cambio-residenza"))).Content.ReadFromJsonAsync<JsonObject>();
        var caseId = started!["caseId"]!.GetValue<string>();
        var code = started["trackingCode"]!.GetValue<string>();
        foreach (var outcome in new[] { "Registrata", "Dimora non accertata" })
        {
            var task = (await admin.GetFromJsonAsync<JsonObject>($"/api/cases/{caseId}"))!["procedures"]![0]!["currentSteps"]![0]!["taskId"]!.GetValue<string>();
            var completed = await admin.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome, note = "Verificato." });
            Assert.True(completed.IsSuccessStatusCode, await completed.Content.ReadAsStringAsync());
        }

        using var browser = Browser("refusal");
        browser.Open($"/pratiche/{code}/rispondi");
        browser.Until(d => d.Url.Contains("/dev-identity/connect/authorize"), "signing in is asked first");
        browser.Find("#person-mario").Click();
        browser.Arrive($"/pratiche/{code}/rispondi", "Rispondi all'ufficio");
        browser.Find("textarea[name=text]").SendKeys("Abito qui dal 1° ottobre: allego il contratto di locazione registrato.");
        var file = Path.Combine(Path.GetTempPath(), $"contratto-{Guid.NewGuid():N}.pdf");
        File.WriteAllText(file, "%PDF-1.7 contratto di locazione");
        browser.Find("input[type=file]").SendKeys(file);
        browser.Check("refusal-reply-form");
        Click(browser, "form[enctype='multipart/form-data'] button[type=submit]");
        browser.Until(d => d.FindElements(By.CssSelector("#reply-sent")).Count > 0, "the observations are confirmed");
        browser.Check("refusal-reply-sent");
        File.Delete(file);

        var timeline = (await admin.GetFromJsonAsync<JsonObject>($"/api/cases/{caseId}"))!["timeline"]!.AsArray();
        Assert.Contains(timeline, e => e!["kind"]!.GetValue<string>() == "observations-received");
        var documents = (await admin.GetFromJsonAsync<JsonObject>($"/api/cases/{caseId}"))!["documents"]!.AsArray();
        Assert.Contains(documents, d => d!["fileName"]!.GetValue<string>() == Path.GetFileName(file));
    }

    [Fact]
    public async Task Documents_requested_by_the_office_are_sent_from_the_browser_and_the_tracking_page_opens_without_signing_in()
    {
        using var admin = fixture.Admin();
        var started = await (await admin.PostAsJsonAsync("/api/cases", CaseDesk.Application("contributo-anziani")))
            .Content.ReadFromJsonAsync<JsonObject>();
        var caseId = started!["caseId"]!.GetValue<string>();
        var code = started["trackingCode"]!.GetValue<string>();
        var task = (await admin.GetFromJsonAsync<JsonObject>($"/api/cases/{caseId}"))!["procedures"]![0]!["currentSteps"]![0]!["taskId"]!.GetValue<string>();
        var completed = await admin.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = "Documenti mancanti", note = "Manca l'ISEE." });
        Assert.True(completed.IsSuccessStatusCode, await completed.Content.ReadAsStringAsync());

        using var browser = Browser("reply");
        browser.Open($"/pratiche/{code}");
        browser.Arrive($"/pratiche/{code}", "La sua pratica");
        Assert.Contains("Sospesa", browser.Find("main").Text);
        browser.Check("tracking");

        browser.Open($"/pratiche/{code}/rispondi");
        browser.Until(d => d.Url.Contains("/dev-identity/connect/authorize"), "signing in is asked first");
        browser.Find("#person-mario").Click();
        browser.Arrive($"/pratiche/{code}/rispondi", "Rispondi all'ufficio");
        browser.Check("reply-form");

        var file = Path.Combine(Path.GetTempPath(), $"isee-{Guid.NewGuid():N}.pdf");
        File.WriteAllText(file, "%PDF-1.7 attestazione ISEE");
        browser.Find("input[type=file]").SendKeys(file);
        Click(browser, "form[enctype='multipart/form-data'] button[type=submit]");
        browser.Until(d => d.FindElements(By.CssSelector("#reply-sent")).Count > 0, "the reply is confirmed");
        browser.Check("reply-sent");
        File.Delete(file);

        var procedure = (await admin.GetFromJsonAsync<JsonObject>($"/api/cases/{caseId}"))!["procedures"]![0]!;
        Assert.Equal("open", procedure["status"]!.GetValue<string>());
        browser.Open("/area-personale");
        browser.Arrive("/area-personale", "Area personale");
        browser.Check("personal-area");
    }
}
