using System.Net;
using CaseFlow.Cases.CaseFile;
using CaseFlow.Cases.Intake;
using CaseFlow.Host.Auth;
using CaseFlow.Tests.Cases;
using CaseFlow.Tests.Infrastructure;
using CaseFlow.Tests.Supervision;
using Microsoft.Extensions.DependencyInjection;

namespace CaseFlow.Tests.Web;

public class TaskPageFixture : AppFixture
{
    public const string Password = "prova-attivita-1";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Auth:Users:0:UserName"] = "laura",
        ["Auth:Users:0:DisplayName"] = "Laura Conti",
        ["Auth:Users:0:PasswordHash"] = PasswordHasher.Hash(Password),
        ["Auth:Users:0:Roles:0"] = "officer",
        ["Auth:Users:0:Offices:0"] = "comune-anagrafe",
    };
}

/// <summary>The task page's forms over plain HTTP, as a browser without JavaScript posts them.</summary>
public class TaskPageFormTests(TaskPageFixture fixture) : IClassFixture<TaskPageFixture>
{
    private async Task<(WebForms Browser, Guid Task, Guid Case)> StartAsync()
    {
        var started = await fixture.App.Services.GetRequiredService<CaseIntake>()
            .StartAsync(ServicePeople.Intake("RSSMRA80A01F205X", null, "cambio-residenza"), CancellationToken.None);
        var file = await fixture.App.Services.GetRequiredService<CaseFileReader>().GetAsync(started.Value!.CaseId, ServicePeople.Supervisor, CancellationToken.None);
        var browser = WebForms.For(fixture.App);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync("laura", TaskPageFixture.Password)).StatusCode);
        return (browser, file.Value!.Procedures[0].CurrentSteps[0].TaskId, started.Value.CaseId);
    }

    private async Task<string> StatusAsync(Guid task) =>
        (await new CaseDesk(fixture.App).ScalarAsync<string>("SELECT status FROM case_tasks WHERE id = @id", ("id", task)))!;

    [Fact]
    public async Task Completing_without_the_antiforgery_token_is_refused_and_the_task_stays_open()
    {
        var (browser, task, _) = await StartAsync();

        var response = await browser.PostAsync($"/ufficio/attivita/{task}", ("_handler", "complete"), ("Complete.Outcome", "Registrata"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("open", await StatusAsync(task));
    }

    [Fact]
    public async Task An_unknown_outcome_or_a_hand_off_without_office_and_reason_is_reported_beside_the_field_and_changes_nothing()
    {
        var (browser, task, _) = await StartAsync();
        var path = $"/ufficio/attivita/{task}";

        var outcome = await browser.PostAsync(path, ("_handler", "complete"), ("__RequestVerificationToken", await browser.TokenFromAsync(path)),
            ("Complete.Outcome", "Approvata a voce"), ("Complete.Note", "prova"));
        var html = await outcome.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, outcome.StatusCode);
        Assert.Contains("<div class=\"invalid-feedback d-block mb-2\" id=\"outcome-error\">Scegli uno degli esiti dell", html);
        Assert.Contains("prova</textarea>", html);

        var handoff = await browser.PostAsync(path, ("_handler", "handoff"), ("__RequestVerificationToken", await browser.TokenFromAsync(path)),
            ("HandOff.Office", ""), ("HandOff.Reason", " "));
        html = await handoff.Content.ReadAsStringAsync();
        Assert.Contains("id=\"office-error\">Scegli l", html);
        Assert.Contains("ufficio a cui passare", html);
        Assert.Contains("id=\"reason-error\">Scrivi il motivo del passaggio", html);

        var unknownOffice = await browser.PostAsync(path, ("_handler", "handoff"), ("__RequestVerificationToken", await browser.TokenFromAsync(path)),
            ("HandOff.Office", "ufficio-inesistente"), ("HandOff.Reason", "Competenza di altro ufficio."));
        Assert.Contains("id=\"office-error\">Ufficio sconosciuto", await unknownOffice.Content.ReadAsStringAsync());

        Assert.Equal("open", await StatusAsync(task));
        Assert.Equal("comune-anagrafe", await new CaseDesk(fixture.App).ScalarAsync<string>("SELECT office FROM case_tasks WHERE id = @id", ("id", task)));
    }

    [Fact]
    public async Task A_refusing_outcome_answers_a_confirmation_page_first_and_completes_only_when_confirmed()
    {
        var (browser, task, _) = await StartAsync();
        var path = $"/ufficio/attivita/{task}";

        var first = await browser.PostAsync(path, ("_handler", "complete"), ("__RequestVerificationToken", await browser.TokenFromAsync(path)),
            ("Complete.Outcome", "Dichiarazione irricevibile"));
        var html = await first.Content.ReadAsStringAsync();
        Assert.Contains("<h1 class=\"mb-3\">Conferma l&#x27;esito</h1>", html);
        Assert.Contains("name=\"Complete.Confirmed\" value=\"true\"", html);
        Assert.Equal("open", await StatusAsync(task));

        var confirmed = await browser.PostAsync(path, ("_handler", "complete"), ("__RequestVerificationToken", await browser.TokenFromAsync(path)),
            ("Complete.Outcome", "Dichiarazione irricevibile"), ("Complete.Confirmed", "true"));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal($"/ufficio?ufficio=comune-anagrafe&fatto={task}", confirmed.Headers.Location!.OriginalString.Replace("http://localhost", ""));
        Assert.Equal("completed", await StatusAsync(task));

        var queue = await browser.Client.GetStringAsync(confirmed.Headers.Location);
        Assert.Contains("concluso: domanda respinta.", queue);
    }

    [Fact]
    public async Task Another_offices_task_answers_403_with_the_Italian_page()
    {
        var started = await fixture.App.Services.GetRequiredService<CaseIntake>()
            .StartAsync(ServicePeople.Intake("VRDLGU70M15L219L", null, "contrassegno-disabili"), CancellationToken.None);
        var file = await fixture.App.Services.GetRequiredService<CaseFileReader>().GetAsync(started.Value!.CaseId, ServicePeople.Supervisor, CancellationToken.None);
        var (browser, _, _) = await StartAsync();

        var response = await browser.Client.GetAsync($"/ufficio/attivita/{file.Value!.Procedures[0].CurrentSteps[0].TaskId}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Accesso negato", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await browser.Client.GetAsync($"/ufficio/attivita/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task The_application_s_data_is_shown_under_the_form_s_labels_with_option_labels_and_dates_in_words_in_either_language()
    {
        var (browser, task, _) = await StartAsync();
        var path = $"/ufficio/attivita/{task}";

        var italian = WebUtility.HtmlDecode(await browser.Client.GetStringAsync(path));
        Assert.Contains("<dt class=\"col-sm-5\">Nuovo indirizzo (via e numero civico)</dt><dd class=\"col-sm-7\">Via Garibaldi 12</dd>", Compact(italian));
        Assert.Contains("<dt class=\"col-sm-5\">Provenienza</dt><dd class=\"col-sm-7\">Da un altro Comune italiano</dd>", Compact(italian));
        Assert.Contains("<dt class=\"col-sm-5\">Data da cui si abita al nuovo indirizzo</dt><dd class=\"col-sm-7\">4 maggio 2020</dd>", Compact(italian));
        Assert.DoesNotContain(">provenienza<", italian);

        await browser.PostAsync("/lingua", ("__RequestVerificationToken", await browser.TokenFromAsync(path)), ("culture", "en"), ("returnUrl", path));
        var english = Compact(WebUtility.HtmlDecode(await browser.Client.GetStringAsync(path)));
        Assert.Contains("<dt class=\"col-sm-5\">Moving from</dt><dd class=\"col-sm-7\">Another Italian Comune</dd>", english);
        Assert.Contains("<dt class=\"col-sm-5\">Date from which you live at the new address</dt><dd class=\"col-sm-7\">4 May 2020</dd>", english);
    }

    private static string Compact(string html) => System.Text.RegularExpressions.Regex.Replace(html, @">\s+<", "><");
}
