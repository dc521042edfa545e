using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CaseFlow.Tests.Cases;
using CaseFlow.Tests.Web.Pages;
using OpenQA.Selenium;

namespace CaseFlow.Tests.Web;

/// <summary>
/// The whole flow in headless Chromium, as the people do it on a Monday morning: the front desk starts a bundle of two
/// agencies' procedures with their forms and a document and reads the receipt back; each office's officer works their
/// queue to the final acts; the supervisor sees the case concluded. Its own host and database; every page visited is
/// screenshotted into tests/CaseFlow.Tests/artifacts/desk-flow and checked with axe-core.
/// </summary>
[Collection(WebBrowserCollection.Name)]
public sealed class DeskToFinalActsBrowserTests(WebBrowserFixture fixture) : IClassFixture<WebBrowserFixture>
{
    private const string Badge = "Contrassegno di parcheggio per persone con disabilità (CUDE)";
    private const string Exam = "Accertamento dell'invalidità civile e dell'handicap";

    private static readonly Lazy<string> ArtifactsFolder = new(() => Studio.Chromium.ArtifactsFolder("desk-flow"));

    private OperatorBrowser Browser(string prefix) => new(fixture.BaseAddress, ArtifactsFolder.Value, prefix) { FullPage = true };

    private static void SignIn(OperatorBrowser browser, string user, string path)
    {
        browser.Open(path);
        browser.UntilPath("/login");
        new SignInPage(browser).SignInWithKeyboard(user, WebBrowserFixture.Password);
        browser.UntilPath(path);
    }

    [Fact]
    public async Task A_two_agency_bundle_started_at_the_desk_reaches_both_final_acts_office_by_office_and_the_supervisor_sees_it_concluded()
    {
        var clock = Stopwatch.StartNew();
        using var admin = fixture.CreateAdminClient();

        // The front desk: the citizen, the two procedures with their own forms, one document, the start.
        using var desk = Browser("1-desk");
        SignIn(desk, "sportello", "/sportello/nuova-pratica");
        desk.Arrive("/sportello/nuova-pratica", "Nuova pratica");
        desk.Check("intake");
        var intake = new IntakeScreen(desk);
        intake.Citizen("fiscalCode", "VRDLGU70M15L219L");
        intake.Citizen("firstName", "Luigi");
        intake.Citizen("lastName", "Verdi");
        intake.Citizen("email", "luigi.verdi@example.it");
        intake.Choose("contrassegno-disabili", "invalidita-civile");
        intake.ShowForms();
        desk.Until(d => intake.Forms.Count == 2, "each chosen procedure shows its own form");
        var (badge, exam) = (intake.IndexOf("contrassegno-disabili"), intake.IndexOf("invalidita-civile"));
        intake.Field(badge, "tipoRichiesta", "rilascio");
        intake.Field(badge, "tipoInvalidita", "permanente");
        intake.Field(badge, "dataCertificato", "2026-01-15");
        intake.Field(badge, "targa", "AB123CD");
        intake.Field(exam, "tipoAccertamento", "entrambi");
        intake.Field(exam, "numeroCertificato", "CI0099887766");
        intake.Field(exam, "dataCertificato", "2026-01-15");
        intake.Attach(SampleDocument("certificato-medico.pdf"));
        desk.Check("intake-ready");
        intake.Start();
        desk.Until(d => new Uri(d.Url).AbsolutePath.StartsWith("/sportello/pratiche/", StringComparison.Ordinal) && new CaseScreen(desk).StartedNotice,
            "the case page confirms the intake");
        var caseId = new Uri(desk.Driver.Url).AbsolutePath["/sportello/pratiche/".Length..];
        var casePage = new CaseScreen(desk);
        desk.Check("case-started");

        // The receipt, read back, against the case as the API returns it.
        var file = (await admin.GetFromJsonAsync<JsonObject>($"/api/cases/{caseId}"))!;
        var procedures = file["procedures"]!.AsArray().Select(p => p!.AsObject()).ToList();
        Assert.Equal([Exam, Badge], procedures.Select(p => p["name"]!.GetValue<string>()).Order());
        Assert.Equal(["asl-commissione", "comune-polizia-locale"], procedures.Select(p => p["office"]!.GetValue<string>()).Order());
        var protocols = procedures.ToDictionary(p => p["name"]!.GetValue<string>(), p => p["protocolNumber"]!.GetValue<string>());
        Assert.Equal(file["trackingCode"]!.GetValue<string>(), casePage.TrackingCode);
        Assert.Equal(protocols.Values.Order(), casePage.Procedures.Select(p => p.Protocol).Order());
        var (status, contentType, body) = await casePage.DownloadAsync(casePage.ReceiptHref);
        Assert.Equal((System.Net.HttpStatusCode.OK, "application/pdf"), (status, contentType));
        await File.WriteAllBytesAsync(Path.Combine(ArtifactsFolder.Value, "receipt.pdf"), body);
        var receipt = PdfText.Read(body).All;
        Assert.Contains($"Codice pratica: {file["trackingCode"]!.GetValue<string>()}", receipt);
        Assert.Contains($"/pratiche/{file["trackingCode"]!.GetValue<string>()}", receipt);
        Assert.All(protocols.Values, protocol => Assert.Contains($"Protocollo n. {protocol}", receipt));
        Assert.Contains("Luigi Verdi, codice fiscale VRDLGU70M15L219L", receipt);
        Assert.Contains("certificato-medico.pdf (protocollo n.", receipt);

        // The ASST's commission: both first steps are in its queue; the exam's outcome ends its procedure (a confirmation).
        using var asl = Browser("2-asl");
        SignIn(asl, "asl", "/ufficio");
        asl.Arrive("/ufficio", "Attività dell'ufficio");
        var queue = new QueueScreen(asl);
        Assert.Contains(queue.Rows, r => r.Protocol == protocols[Badge] && r.Title == "Accertamento medico-legale della capacità di deambulazione");
        Assert.Contains(queue.Rows, r => r.Protocol == protocols[Exam] && r.Title == "Visita della Commissione medica e verbale");
        asl.Check("queue");
        queue.Open(protocols[Badge], "Accertamento medico-legale della capacità di deambulazione");
        asl.Until(_ => asl.Heading == "Accertamento medico-legale della capacità di deambulazione", "the badge's medical step opens");
        var task = new TaskScreen(asl);
        Assert.Equal(["Certificato rilasciato", "Requisiti sanitari non presenti"], task.Outcomes);
        Assert.Equal(["Scarica certificato-medico.pdf"], task.Documents);
        asl.Check("task-badge");
        task.Note("Visita collegiale svolta: capacità di deambulazione ridotta in modo permanente.");
        task.Take("Certificato rilasciato");
        asl.Arrive("/ufficio", "Attività dell'ufficio");
        Assert.Contains("«Emissione del contrassegno CUDE» presso Polizia Locale", asl.Find("#completed-alert").Text);
        asl.Check("queue-after-badge");

        queue.Open(protocols[Exam], "Visita della Commissione medica e verbale");
        asl.Until(_ => asl.Heading == "Visita della Commissione medica e verbale", "the exam's step opens");
        Assert.True(task.AsksConfirmation("Requisiti riconosciuti"));
        asl.Check("task-exam");
        task.Take("Requisiti riconosciuti");
        asl.Until(_ => task.DialogOpen, "the final outcome asks for a confirmation");
        asl.Check("task-exam-confirm");
        asl.Click("#dialog-confirm");
        asl.Arrive("/ufficio", "Attività dell'ufficio");
        Assert.Contains($"Il procedimento «{Exam}» è concluso: domanda accolta.", asl.Find("#completed-alert").Text);
        Assert.DoesNotContain(new QueueScreen(asl).Rows, r => protocols.ContainsValue(r.Protocol));
        asl.Check("queue-after-exam");

        // The Polizia Locale issues the badge: the Comune's procedure reaches its final act.
        using var vigile = Browser("3-polizia");
        SignIn(vigile, "vigile", "/ufficio");
        vigile.Arrive("/ufficio", "Attività dell'ufficio");
        var policeQueue = new QueueScreen(vigile);
        Assert.Contains(policeQueue.Rows, r => r.Protocol == protocols[Badge] && r.Title == "Emissione del contrassegno CUDE");
        vigile.Check("queue");
        policeQueue.Open(protocols[Badge], "Emissione del contrassegno CUDE");
        vigile.Until(_ => vigile.Heading == "Emissione del contrassegno CUDE", "the badge's issuing step opens");
        var issue = new TaskScreen(vigile);
        vigile.Check("task-issue");
        issue.Take("Contrassegno emesso");
        if (issue.AsksConfirmation("Contrassegno emesso"))
        {
            vigile.Until(_ => issue.DialogOpen, "the final outcome asks for a confirmation");
            vigile.Check("task-issue-confirm");
            vigile.Click("#dialog-confirm");
        }

        vigile.Arrive("/ufficio", "Attività dell'ufficio");
        Assert.Contains($"Il procedimento «{Badge}» è concluso: domanda accolta.", vigile.Find("#completed-alert").Text);
        vigile.Check("queue-after-issue");

        // The case is closed, both procedures granted with their final acts in the protocol.
        var closed = (await admin.GetFromJsonAsync<JsonObject>($"/api/cases/{caseId}"))!;
        Assert.Equal("closed", closed["status"]!.GetValue<string>());
        var finalActs = closed["procedures"]!.AsArray().Select(p => (Status: p!["status"]!.GetValue<string>(), Act: p["finalActProtocol"]?.GetValue<string>())).ToList();
        Assert.All(finalActs, p => Assert.Equal("granted", p.Status));
        Assert.All(finalActs, p => Assert.Matches(@"^\d{4}/\d{7}$", p.Act));

        // The supervisor: no work left at the two offices for this case, and the case page shows it concluded.
        using var supervisor = Browser("4-supervisor");
        SignIn(supervisor, "supervisore", "/supervisione");
        supervisor.Arrive("/supervisione", "Supervisione");
        var supervision = new SupervisionScreen(supervisor);
        Assert.Equal("0", supervision.Load("Commissione medico-legale").Open);
        Assert.Equal("0", supervision.Load("Polizia Locale").Open);
        // (Each agency numbers its own protocol register, so the steps are told apart by their titles.)
        string[] steps = ["Accertamento medico-legale della capacità di deambulazione", "Visita della Commissione medica e verbale", "Emissione del contrassegno CUDE"];
        Assert.DoesNotContain(supervisor.FindAll(".cf-at-risk tbody tr"), tr => steps.Any(s => tr.Text.Contains(s, StringComparison.Ordinal)));
        supervisor.Check("workload");
        supervisor.Click(supervisor.Driver.FindElement(By.LinkText("Indicatori")));
        supervisor.UntilPath("/supervisione/indicatori");
        supervisor.Until(_ => supervisor.FindAll("main h1").Count == 1, "the indicators page is shown");
        supervisor.Check("indicators");

        supervisor.Open($"/sportello/pratiche/{caseId}");
        supervisor.Until(_ => supervisor.FindAll(".cf-case-procedure").Count == 2, "the case page shows both procedures");
        var concluded = new CaseScreen(supervisor);
        Assert.All(concluded.Procedures, p => Assert.Contains("Accolto", p.Title));
        Assert.All(finalActs, p => Assert.Contains(concluded.Procedures, c => c.Text.Contains(p.Act!, StringComparison.Ordinal)));
        Assert.Contains("Conclusa il", supervisor.Find("main").Text);
        Assert.Empty(supervisor.FindAll(".cf-current-steps li"));
        supervisor.Check("case-concluded");

        // One test of the whole flow: it has to stay quick enough to run on every change.
        File.WriteAllText(Path.Combine(ArtifactsFolder.Value, "duration.txt"), $"{clock.Elapsed.TotalSeconds:0.0} s{Environment.NewLine}");
    }

    [Fact]
    public void With_the_switch_on_English_the_desk_draws_a_procedure_s_form_with_the_definition_s_English_texts()
    {
        using var desk = Browser("5-english");
        SignIn(desk, "sportello", "/sportello/nuova-pratica");
        desk.Arrive("/sportello/nuova-pratica", "Nuova pratica");
        desk.Header.SwitchLanguage();
        desk.Arrive("/sportello/nuova-pratica", "New case");
        var intake = new IntakeScreen(desk);
        intake.Citizen("fiscalCode", "RSSMRA80A01F205X");
        intake.Choose("contrassegno-disabili");
        intake.ShowForms();
        desk.Until(d => intake.Forms.Count == 1, "the procedure's form is shown");
        intake.Field(0, "targa", "ab 123");
        intake.Start();
        desk.Until(d => intake.Summary, "the refused intake lists its errors");
        Assert.Equal("«Medical certificate» is required.", intake.FieldError("p0-tipoInvalidita"));
        Assert.StartsWith("A number plate is two letters", intake.FieldError("p0-targa"));
        Assert.Equal(["The request", "Certificate and vehicle"], desk.FindAll(".cf-procedure-form legend.h5").Select(l => l.Text));
        Assert.Equal("Permanently reduced walking ability (5 years)", desk.Find("#p0-tipoInvalidita option[value='permanente']").Text);
        Assert.Equal("First issue", desk.Find("label[for='p0-tipoRichiesta-0']").Text);
        desk.Check("intake-form-errors");
    }

    private static string SampleDocument(string name)
    {
        var path = Path.Combine(ArtifactsFolder.Value, name);
        File.WriteAllBytes(path, "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% certificato medico\n%%EOF\n"u8.ToArray());
        return path;
    }
}
