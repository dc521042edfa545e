using System.Globalization;
using CaseFlow.Cases.CaseFile;
using CaseFlow.Cases.Supervision;
using CaseFlow.Tests.Infrastructure;
using CaseFlow.Tests.Studio;
using CaseFlow.Tests.Supervision;
using CaseFlow.Tests.Web.Pages;
using OpenQA.Selenium;

namespace CaseFlow.Tests.Web;

/// <summary>
/// The back office in headless Chromium: a case started through the desk's intake service, each office completing
/// its step from its queue on the task page until the final act, then the supervisor's workload, scadenziario and
/// messages. Every page state is screenshotted into artifacts/web-office and checked with axe-core.
/// </summary>
[Collection(WebBrowserCollection.Name)]
public sealed class BackOfficeBrowserTests(OfficeBrowserFixture fixture) : IClassFixture<OfficeBrowserFixture>
{
    private static readonly Lazy<string> ArtifactsFolder = new(() => Chromium.ArtifactsFolder("web-office"));

    private static readonly TimeZoneInfo Rome = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");

    private OperatorBrowser Browser(string prefix, bool javaScript = true) => new(fixture.BaseAddress, ArtifactsFolder.Value, prefix, javaScript) { FullPage = true };

    private async Task<CaseFileView> CaseAsync(Guid caseId) =>
        (await fixture.Service<CaseFileReader>().GetAsync(caseId, ServicePeople.Supervisor, CancellationToken.None)).Value!;

    private async Task<CurrentStep> StepAsync(Guid caseId) => Assert.Single((await CaseAsync(caseId)).Procedures.SelectMany(p => p.CurrentSteps));

    private static void SignIn(OperatorBrowser browser, string user, string path)
    {
        browser.Open(path);
        browser.UntilPath("/login");
        new SignInPage(browser).SignInWithKeyboard(user, OfficeBrowserFixture.Password);
        browser.UntilPath(path);
    }

    [Fact]
    public async Task Each_office_completes_its_steps_from_its_queue_on_the_task_page_until_the_final_act_and_the_supervisor_sees_it()
    {
        var started = await fixture.StartAsync("RSSMRA80A01F205X", "cambio-residenza");
        var protocol = started.Procedures[0].ProtocolNumber;
        var registration = await StepAsync(started.CaseId);

        // The Anagrafe's officer, with the keyboard alone: queue, task, claim, outcome.
        using var marco = Browser("anagrafe");
        SignIn(marco, "marco", "/ufficio");
        marco.Arrive("/ufficio", "Attività dell'ufficio");
        Assert.Contains(new QueueScreen(marco).Rows, r => r.Protocol == protocol && r.Title == "Registrazione della dichiarazione di residenza");
        marco.Check("queue");
        marco.TabTo($"#queue a[href='/ufficio/attivita/{registration.TaskId}']", presses: 80);
        marco.Press(Keys.Enter);
        marco.Arrive($"/ufficio/attivita/{registration.TaskId}", "Registrazione della dichiarazione di residenza");
        var task = new TaskScreen(marco);
        Assert.Contains("due giorni lavorativi", task.Instructions);
        Assert.Equal("Dott. Marco Brambilla, Ufficiale d'Anagrafe", task.Sheet()["Responsabile del procedimento"]);
        Assert.Equal("RSSMRA80A01F205X", task.Citizen()["Codice fiscale"]);
        Assert.Equal(["Scarica dichiarazione-residenza.pdf"], task.Documents);
        Assert.Equal("200 application/pdf", Fetch(marco, task.DocumentLink));
        Assert.Equal(["Registrata", "Dichiarazione irricevibile"], task.Outcomes);
        Assert.False(task.AsksConfirmation("Registrata"));
        Assert.True(task.AsksConfirmation("Dichiarazione irricevibile"));
        Assert.Equal("Nessuno ha ancora preso in carico l'attività.", task.ClaimedBy);
        marco.Check("task");

        marco.TabTo("#claim");
        marco.Press(Keys.Enter);
        marco.Until(_ => task.ClaimedBy == "L'hai presa in carico tu.", "the task is claimed");
        Assert.Contains("Hai preso in carico l'attività.", marco.Find("#task-message").Text);
        marco.Check("task-claimed");
        marco.TabTo("#note");
        marco.Type("Dichiarazione completa, documenti verificati.");
        marco.TabTo("button.cf-outcome[value='Registrata']");
        marco.Press(Keys.Enter);
        marco.Arrive("/ufficio", "Attività dell'ufficio");
        var alert = marco.Find("#completed-alert").Text;
        Assert.Contains("Attività «Registrazione della dichiarazione di residenza» completata con esito «Registrata».", alert);
        Assert.Contains("«Accertamento della dimora abituale» presso Polizia Locale", alert);
        marco.Check("queue-after-completion");

        // The next step belongs to the Polizia Locale: the Anagrafe's officer gets the Italian 403 page.
        var check = await StepAsync(started.CaseId);
        Assert.Equal("comune-polizia-locale", check.Office);
        marco.Open($"/ufficio/attivita/{check.TaskId}");
        marco.Until(_ => marco.Heading == "Accesso negato", "the other office's task is refused");
        Assert.Contains("Il tuo profilo non permette di aprire questa pagina.", marco.Find("main").Text);
        Assert.Empty(marco.FindAll("button.cf-outcome"));
        marco.Check("task-other-office-403");

        // An officer of two offices switches to the Polizia Locale, meets the hand-off rules, then completes the step.
        using var luca = Browser("polizia");
        SignIn(luca, "luca", "/ufficio");
        Assert.Contains("Ufficio Protocollo", new QueueScreen(luca).Office);
        Assert.True(new QueueScreen(luca).Empty);
        luca.Choose("#office", "comune-polizia-locale");
        luca.Click("#apply-filters");
        luca.Until(_ => new QueueScreen(luca).Office.Contains("Polizia Locale", StringComparison.Ordinal), "the queue switches office");
        Assert.Contains(new QueueScreen(luca).Rows, r => r.Protocol == protocol && r.Title == "Accertamento della dimora abituale");
        luca.Check("queue-switched-office");
        luca.Click(luca.Driver.FindElement(By.LinkText("Accertamento della dimora abituale")));
        luca.Arrive($"/ufficio/attivita/{check.TaskId}", "Accertamento della dimora abituale");
        var lucaTask = new TaskScreen(luca);
        Assert.True(lucaTask.AsksConfirmation("Dimora non accertata"));
        lucaTask.HandOff(null, "");
        luca.Until(_ => lucaTask.FieldError("office") is not null, "the hand-off form reports its fields");
        Assert.Equal("Scegli l'ufficio a cui passare l'attività.", lucaTask.FieldError("office"));
        Assert.StartsWith("Scrivi il motivo del passaggio", lucaTask.FieldError("reason"));
        Assert.Equal("comune-polizia-locale", (await StepAsync(started.CaseId)).Office);
        luca.Check("task-handoff-errors");

        // The server's own confirmation page (what a browser without JavaScript gets), reached by submitting the outcome
        // without the dialog, is checked with axe too; cancelling it changes nothing.
        luca.Driver.ExecuteScript("const b = document.querySelector(\"button.cf-outcome[value='Dimora non accertata']\"); b.form.requestSubmit(b);");
        luca.Until(_ => luca.Heading == "Conferma l'esito", "the server's confirmation page is shown");
        Assert.Contains("preavviso di rigetto", luca.Find("#confirmation").Text);
        luca.Check("task-confirm-page");
        luca.Click("#cancel-outcome");
        luca.Arrive($"/ufficio/attivita/{check.TaskId}", "Accertamento della dimora abituale");
        Assert.Equal(check.TaskId, (await StepAsync(started.CaseId)).TaskId);
        lucaTask.Take("Dimora accertata");
        luca.Arrive("/ufficio", "Attività dell'ufficio");
        Assert.Contains("«Conferma dell'iscrizione anagrafica» presso Ufficio Anagrafe", luca.Find("#completed-alert").Text);

        // Back at the Anagrafe: the last step ends the procedure, so it asks for a confirmation first.
        var confirmation = await StepAsync(started.CaseId);
        marco.Open("/ufficio");
        marco.Click($"#queue a[href='/ufficio/attivita/{confirmation.TaskId}']");
        marco.Arrive($"/ufficio/attivita/{confirmation.TaskId}", "Conferma dell'iscrizione anagrafica");
        // With JavaScript the confirmation is a dialog on the page; cancelling it changes nothing.
        var final = new TaskScreen(marco);
        final.Take("Iscrizione confermata");
        marco.Until(_ => final.DialogOpen, "the confirmation dialog opens");
        Assert.Contains("accoglimento della domanda", marco.Find("#outcome-dialog").Text);
        Assert.Equal("dialog-cancel", marco.Driver.SwitchTo().ActiveElement().GetAttribute("id"));
        marco.Check("task-confirm-dialog");
        marco.Press(Keys.Escape);
        marco.Until(_ => !final.DialogOpen, "Esc closes the dialog");
        Assert.Equal("Iscrizione confermata", marco.Driver.SwitchTo().ActiveElement().GetAttribute("value"));
        Assert.Equal("open", (await CaseAsync(started.CaseId)).Procedures[0].Status);
        marco.Press(Keys.Enter);
        marco.Until(_ => final.DialogOpen, "the keyboard opens the dialog again");
        marco.Press(Keys.Tab);
        Assert.Equal("dialog-confirm", marco.Driver.SwitchTo().ActiveElement().GetAttribute("id"));
        marco.Press(Keys.Enter);
        marco.Arrive("/ufficio", "Attività dell'ufficio");
        Assert.Contains("Il procedimento «Cambio di residenza (dichiarazione anagrafica)» è concluso: domanda accolta.", marco.Find("#completed-alert").Text);
        marco.Check("queue-final-act");
        var closed = await CaseAsync(started.CaseId);
        Assert.Equal(("granted", "closed"), (closed.Procedures[0].Status, closed.Status));
        Assert.NotNull(closed.Procedures[0].FinalActProtocol);

        await SupervisorSeesItAsync(started.CaseId);
    }

    private async Task SupervisorSeesItAsync(Guid closedCase)
    {
        // Work still waiting elsewhere, and two messages that ended badly during an outage.
        var waiting = await fixture.StartAsync("VRDLGU70M15L219L", "contrassegno-disabili");
        var waitingStep = await StepAsync(waiting.CaseId);
        await Eventually.True(async () => await fixture.ScalarAsync<long>(
                "SELECT count(*) FROM outbox_messages WHERE case_id IN (@a, @b) AND status <> 'sent'", ("a", closedCase), ("b", waiting.CaseId)) == 0,
            TimeSpan.FromSeconds(30), "the cases' messages are sent");
        await fixture.ScalarAsync<int>("""
            UPDATE outbox_messages SET status = 'failed', attempts = 8, last_error = '550 5.1.1 casella inesistente'
            WHERE id IN (SELECT id FROM outbox_messages WHERE case_id = @a ORDER BY created_at LIMIT 2) RETURNING 1
            """, ("a", closedCase));
        await fixture.ScalarAsync<int>(
            "UPDATE outbox_messages SET status = 'uncertain', last_error = 'connessione interrotta dopo DATA' WHERE case_id = @b RETURNING 1", ("b", waiting.CaseId));

        using var elena = Browser("supervisor");
        SignIn(elena, "elena", "/supervisione");
        elena.Arrive("/supervisione", "Supervisione");
        var screen = new SupervisionScreen(elena);
        Assert.Equal(["Carichi e scadenze", "Scadenziario", "Messaggi non recapitati", "Indicatori"], screen.Tabs);
        Assert.Equal("/supervisione/indicatori", new Uri(elena.Driver.FindElement(By.LinkText("Indicatori")).GetAttribute("href")!).AbsolutePath);
        var report = (await fixture.Service<OfficeWorkload>().ReportAsync(ServicePeople.Supervisor, CancellationToken.None)).Value!;
        foreach (var office in report.Offices)
        {
            Assert.Equal((office.Open.ToString(CultureInfo.InvariantCulture), office.Overdue.ToString(CultureInfo.InvariantCulture),
                office.DueSoon.ToString(CultureInfo.InvariantCulture), office.Unclaimed.ToString(CultureInfo.InvariantCulture)), screen.Load(office.Name));
        }

        Assert.Equal("1", screen.Load("Commissione medico-legale").Open);
        Assert.Equal("0", screen.Load("Ufficio Anagrafe").Open);
        Assert.Equal(report.AtRisk.Select(t => $"/ufficio/attivita/{t.TaskId}").Order(),
            elena.FindAll(".cf-at-risk tbody tr th a").Select(a => new Uri(a.GetAttribute("href")!).AbsolutePath).Order());
        Assert.DoesNotContain(report.AtRisk, t => t.CaseId == closedCase);
        elena.Check("workload");

        // The scadenziario: this month, the step's due date on its day; the next month; the office's .ics.
        elena.Click(elena.Driver.FindElement(By.LinkText("Scadenziario")));
        elena.Arrive("/supervisione/scadenziario", "Scadenziario");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Rome).DateTime);
        Assert.Equal(Month(today), screen.MonthTitle);
        var stepDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(waitingStep.DueDate, Rome).DateTime);
        if (stepDay.Month == today.Month)
        {
            Assert.Contains("scadenz", screen.Day(stepDay).Text);
        }

        Assert.Contains(screen.DueDateRows, r => r.Contains(waitingStep.Title, StringComparison.Ordinal));
        Assert.Contains("Scadenze ISEE e tariffe", elena.Find("#legend").Text);
        elena.Check("calendar");
        elena.Choose("#office", "comune-anagrafe");
        elena.Click("#show-office");
        elena.Until(_ => elena.FindAll("#ics-links a").Count == 1, "the calendar shows one office");
        var ics = elena.Find("#ics-links a").GetAttribute("href")!;
        Assert.EndsWith("/api/calendar/comune-anagrafe.ics", ics);
        Assert.StartsWith("200 text/calendar", Fetch(elena, ics));
        elena.TabTo("#next-month");
        elena.Press(Keys.Enter);
        var next = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
        elena.Until(_ => screen.MonthTitle == Month(next), "the next month is shown");
        Assert.Contains("ufficio=comune-anagrafe", elena.Path);
        Assert.Contains("cf-peak-period", screen.Day(next.AddDays(9)).GetAttribute("class"));
        Assert.Contains("Periodo di picco: Scadenze ISEE e tariffe", screen.Day(next.AddDays(9)).Text + screen.Day(next.AddDays(9)).GetAttribute("textContent"));
        Assert.DoesNotContain("cf-peak-period", screen.Day(next.AddDays(25)).GetAttribute("class"));

        elena.Check("calendar-next-month");

        // Messages that ended failed or uncertain: one resent alone, then the rest at once, each after a confirmation.
        elena.Click(elena.Driver.FindElement(By.LinkText("Messaggi non recapitati")));
        elena.Arrive("/supervisione/messaggi", "Messaggi non recapitati");
        Assert.Equal(2, screen.MessageRows("failed").Count);
        Assert.NotEmpty(screen.MessageRows("uncertain"));
        Assert.Contains("550 5.1.1 casella inesistente", screen.MessageRows("failed")[0].Text);
        elena.Check("messages");
        var first = Guid.Parse(screen.MessageRows("failed")[0].GetAttribute("data-message")!);
        elena.Click(screen.MessageRows("failed")[0].FindElement(By.CssSelector("a[href*='reinvia?id=']")));
        elena.Arrive("/supervisione/messaggi/reinvia", "Conferma il reinvio");
        Assert.Contains("non recapitato", elena.Find("#confirmation").Text);
        elena.Check("resend-confirm");
        elena.Click("#confirm-resend");
        elena.Arrive("/supervisione/messaggi", "Messaggi non recapitati");
        Assert.Contains("Un messaggio è di nuovo in coda di invio", elena.Find("#resent-alert").Text);
        Assert.Equal(1, await fixture.ScalarAsync<int>("SELECT resend_count FROM outbox_messages WHERE id = @id", ("id", first)));

        var uncertain = await fixture.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE status = 'uncertain'");
        elena.Click("#resend-all-uncertain");
        elena.Arrive("/supervisione/messaggi/reinvia", "Conferma il reinvio");
        Assert.Contains($"{uncertain} messaggi tornano in coda", elena.Find("#confirmation").Text);
        elena.Check("resend-all-confirm");
        elena.Click("#confirm-resend");
        elena.Arrive("/supervisione/messaggi", "Messaggi non recapitati");
        Assert.Contains("di nuovo in coda di invio", elena.Find("#resent-alert").Text);
        Assert.Equal(0, await fixture.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE status = 'uncertain'"));
        await Eventually.True(async () => await fixture.ScalarAsync<string>("SELECT status FROM outbox_messages WHERE id = @id", ("id", first)) == "sent",
            TimeSpan.FromSeconds(30), "the resent message is sent again");
        elena.Check("messages-after-resend");
    }

    [Fact]
    public async Task With_JavaScript_off_a_refusing_outcome_asks_for_a_confirmation_page_and_cancelling_changes_nothing()
    {
        var started = await fixture.StartAsync("BNCGPP75C12H501R", "cambio-residenza");
        var step = await StepAsync(started.CaseId);
        using var marco = Browser("nojs", javaScript: false);
        SignIn(marco, "marco", $"/ufficio/attivita/{step.TaskId}");
        var task = new TaskScreen(marco);
        task.Take("Dichiarazione irricevibile");
        marco.Until(_ => marco.Heading == "Conferma l'esito", "the confirmation page is shown");
        Assert.Contains("rigetto della domanda", marco.Find("#confirmation").Text);
        marco.Screenshot("task-confirm-refusal");
        marco.Click("#cancel-outcome");
        marco.Until(_ => marco.Heading == "Registrazione della dichiarazione di residenza", "the task page is back");
        Assert.Equal(step.TaskId, (await StepAsync(started.CaseId)).TaskId);

        task.Note("Manca il titolo di occupazione dell'abitazione.");
        task.Take("Dichiarazione irricevibile");
        marco.Until(_ => marco.Heading == "Conferma l'esito", "the confirmation page is shown again");
        marco.Click("#confirm-outcome");
        marco.UntilPath("/ufficio");
        Assert.Contains("è concluso: domanda respinta.", marco.Find("#completed-alert").Text);
        marco.Screenshot("queue-after-refusal");
        var closed = (await CaseAsync(started.CaseId)).Procedures[0];
        Assert.Equal("denied", closed.Status);
        Assert.Equal("Manca il titolo di occupazione dell'abitazione.", closed.Steps[0].Note);
    }

    private static string Month(DateOnly day)
    {
        var text = day.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("it"));
        return char.ToUpper(text[0], CultureInfo.GetCultureInfo("it")) + text[1..];
    }

    /// <summary>The link fetched with the page's own cookie: "status content-type".</summary>
    private static string Fetch(OperatorBrowser browser, string url) => (string?)((IJavaScriptExecutor)browser.Driver).ExecuteAsyncScript("""
        const done = arguments[arguments.length - 1];
        fetch(arguments[0]).then(r => done(r.status + ' ' + (r.headers.get('content-type') || ''))).catch(e => done('error ' + e));
        """, url) ?? "";
}
