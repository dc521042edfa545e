using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CaseFlow.Cases.Procedures;
using CaseFlow.Tests.Cases;
using CaseFlow.Tests.Infrastructure;
using CaseFlow.Tests.Workflows;
using CaseFlow.Workflows.Definitions;
using MimeKit;

namespace CaseFlow.Tests.Notifications;

/// <summary>The art. 8 c.2 notice as the citizen receives it over SMTP, element by element, and the only email of an intake.</summary>
public class NoticeOfStartTests
{
    private static readonly CultureInfo Italian = CultureInfo.GetCultureInfo("it-IT");

    private static string Spoken(DateOnly date) => $"{date.Day} {date.ToString("MMMM", Italian)} {date.Year}";

    private static async Task<List<MimeMessage>> DeliveredAsync(NotificationsHost host, CaseDesk desk, string caseId)
    {
        var id = Guid.Parse(caseId);
        var rows = await desk.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE case_id = @id", ("id", id));
        await Eventually.Get(() => desk.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE case_id = @id AND status = 'sent'", ("id", id)),
            sent => sent == rows, TimeSpan.FromSeconds(30), "every message of the intake is sent");
        return [.. host.Smtp.Received.Select(NotificationsHost.Parse)];
    }

    private static DateOnly DueDate(string receivedAt, string term) =>
        DueDateCalculator.Compute(DateTimeOffset.Parse(receivedAt, CultureInfo.InvariantCulture), Term.Parse(term), AgencyCalendar.National, []).DueDate;

    [Fact]
    public async Task The_citizen_receives_one_email_at_intake_the_notice_with_every_element_of_article_8()
    {
        await using var host = await NotificationsHost.StartAsync();
        var desk = new CaseDesk(host.App);
        var started = await desk.StartAsync(CaseDesk.Application("contrassegno-disabili"));
        var caseId = started["caseId"]!.GetValue<string>();
        var protocol = started["protocolNumber"]!.GetValue<string>();
        var receivedAt = await desk.ScalarAsync<DateTime>("SELECT received_at FROM cases WHERE id = @id", ("id", Guid.Parse(caseId)));
        var receivedOn = RomeTime.DateOf(new DateTimeOffset(receivedAt, TimeSpan.Zero));
        var due = RomeTime.DateOf(DateTimeOffset.Parse(started["dueDate"]!.GetValue<string>(), CultureInfo.InvariantCulture));

        var mail = await DeliveredAsync(host, desk, caseId);

        var notice = Assert.Single(mail);
        Assert.Equal($"Avvio del procedimento – protocollo n. {protocol}", notice.Subject);
        Assert.Equal(0, await desk.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE template = 'step-advanced'"));
        var text = notice.TextBody;
        Assert.Contains("Amministrazione competente: Comune di Limbiate", text, StringComparison.Ordinal); // (a)
        Assert.Contains("Oggetto del procedimento: Contrassegno", text, StringComparison.Ordinal); // (b)
        Assert.Contains("consente la circolazione e la sosta", text, StringComparison.Ordinal);
        Assert.Contains("Ufficio competente: Polizia Locale – Comune di Limbiate", text, StringComparison.Ordinal); // (c)
        Assert.Contains("Responsabile del procedimento: Comm. Luca Galli", text, StringComparison.Ordinal);
        Assert.Contains($"Termine di conclusione: entro il {Spoken(due)} (30 giorni dalla presentazione della domanda)", text, StringComparison.Ordinal); // (c-bis)
        Assert.Contains("può rivolgersi al Segretario generale del Comune di Limbiate, titolare del potere sostitutivo", text, StringComparison.Ordinal);
        Assert.Contains("entro 15 giorni, la metà del termine originario", text, StringComparison.Ordinal);
        Assert.Contains("ricorso al Tribunale amministrativo regionale (TAR) contro il silenzio (artt. 31 e 117 del codice del processo amministrativo)", text, StringComparison.Ordinal);
        Assert.Contains($"Data di presentazione della domanda: {Spoken(receivedOn)}", text, StringComparison.Ordinal); // (c-ter)
        Assert.Contains("Dove prendere visione degli atti: Polizia Locale – Comune di Limbiate, email polizialocale@comune.limbiate.mb.it", text, StringComparison.Ordinal); // (d)
        var page = $"http://localhost:5080/pratiche/{started["trackingCode"]}";
        Assert.Contains($"alla pagina {page} può vedere", text, StringComparison.Ordinal);
        Assert.Contains("presentare memorie scritte e documenti", text, StringComparison.Ordinal);
        Assert.Contains($"href=\"{page}\"", notice.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<dt>Amministrazione competente</dt><dd>Comune di Limbiate</dd>", notice.HtmlBody, StringComparison.Ordinal);
        foreach (var body in new[] { text, notice.HtmlBody })
        {
            Assert.DoesNotContain("a Il ", body, StringComparison.Ordinal);
            Assert.DoesNotContain("/api/track/", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Indennizzo da ritardo", body, StringComparison.Ordinal);
        }

        // The next office step is news again: it has its own message.
        await desk.CompleteCurrentAsync(caseId, "asl-commissione", "Certificato rilasciato");
        var later = await DeliveredAsync(host, desk, caseId);
        Assert.Equal(2, later.Count);
        Assert.Equal("step-advanced", await desk.ScalarAsync<string>("SELECT template FROM outbox_messages ORDER BY created_at DESC LIMIT 1"));
    }

    [Fact]
    public async Task A_bundle_sends_one_notice_listing_each_procedure_with_its_own_rule_for_silence_and_no_step_messages()
    {
        await using var host = await NotificationsHost.StartAsync();
        var desk = new CaseDesk(host.App);
        var response = await (await desk.FrontDesk).PostAsJsonAsync("/api/bundles", new
        {
            citizen = CaseDesk.Citizen(),
            channel = "desk",
            procedures = new object[] { new { procedureId = "cambio-residenza", formData = CaseDesk.SampleForm("cambio-residenza") }, new { procedureId = "mensa-scolastica", formData = CaseDesk.SampleForm("mensa-scolastica") } },
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var caseId = (await response.Content.ReadFromJsonAsync<JsonObject>())!["caseId"]!.GetValue<string>();

        var notice = Assert.Single(await DeliveredAsync(host, desk, caseId));

        var sections = notice.TextBody!.Split("== ");
        Assert.Equal(3, sections.Length);
        Assert.StartsWith("Cambio di residenza (dichiarazione anagrafica) ==", sections[1], StringComparison.Ordinal);
        Assert.Contains("Ufficio competente: Ufficio Anagrafe – Comune di Limbiate", sections[1], StringComparison.Ordinal);
        Assert.Contains("(45 giorni dalla presentazione della domanda)", sections[1], StringComparison.Ordinal);
        Assert.Contains("la domanda si intende accolta (silenzio-assenso", sections[1], StringComparison.Ordinal);
        Assert.StartsWith("Iscrizione al servizio di mensa scolastica ==", sections[2], StringComparison.Ordinal);
        Assert.Contains("Ufficio competente: Servizi Scolastici – Comune di Limbiate", sections[2], StringComparison.Ordinal);
        Assert.Contains("il silenzio non vale accoglimento", sections[2], StringComparison.Ordinal);
        Assert.Equal(1, await desk.ScalarAsync<long>("SELECT count(*) FROM outbox_messages"));
    }

    [Fact]
    public async Task Where_the_sheet_grants_the_delay_indemnity_the_notice_says_how_to_claim_it_and_goes_before_the_first_steps_message()
    {
        await using var host = await NotificationsHost.StartAsync();
        var desk = new CaseDesk(host.App);
        var definition = Def.Flowchart("autorizzazione-impresa",
            [
                Def.Start(),
                Def.Activity("avviso", "CaseFlow.NotifyCitizen", ("template", Def.Literal("step-advanced")), ("message", Def.Literal("Istruttoria avviata dallo SUAP"))),
                Def.OfficeTask("istruttoria", "comune-servizi-sociali", "Concessa"),
                Def.End(),
            ],
            [("start", "Done", "avviso"), ("avviso", "Done", "istruttoria"), ("istruttoria", "Concessa", "end")]);
        definition["customProperties"] = new JsonObject
        {
            ["caseflow"] = new JsonObject
            {
                ["sheet"] = new JsonObject
                {
                    ["title"] = "Autorizzazione all'esercizio di un'attività d'impresa", ["agency"] = "comune-limbiate", ["office"] = "comune-servizi-sociali",
                    ["term"] = "P2M", ["silenceAssent"] = false, ["delayIndemnity"] = true,
                },
            },
        };
        await host.Get<DefinitionStore>().SaveAsync(definition, publish: true, "test", CancellationToken.None);
        Assert.True((await host.Get<ProcedureCatalogue>().FindPublishedAsync("autorizzazione-impresa", CancellationToken.None))!.Sheet.DelayIndemnity);

        var started = await desk.StartAsync(CaseDesk.Application("autorizzazione-impresa"));
        var caseId = started["caseId"]!.GetValue<string>();
        var receivedAt = await desk.ScalarAsync<DateTime>("SELECT received_at FROM cases WHERE id = @id", ("id", Guid.Parse(caseId)));
        var received = new DateTimeOffset(receivedAt, TimeSpan.Zero).ToString("O", CultureInfo.InvariantCulture);
        var due = DueDate(received, "P2M");
        var claimBy = DueDate(due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "P20D");

        var mail = await DeliveredAsync(host, desk, caseId);

        Assert.Equal(2, mail.Count);
        Assert.StartsWith("Avvio del procedimento", mail[0].Subject, StringComparison.Ordinal);
        Assert.Contains("Istruttoria avviata dallo SUAP", mail[1].TextBody, StringComparison.Ordinal);
        Assert.Equal(1, await desk.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE template = 'step-advanced'"));
        var text = mail[0].TextBody;
        Assert.Contains($"Termine di conclusione: entro il {Spoken(due)} (2 mesi dalla presentazione della domanda)", text, StringComparison.Ordinal);
        Assert.Contains("entro 1 mese, la metà del termine originario", text, StringComparison.Ordinal);
        Assert.Contains("Indennizzo da ritardo: se il procedimento non si conclude entro il termine, ha diritto a un indennizzo di 30 euro per ogni giorno di ritardo, fino a 2.000 euro", text, StringComparison.Ordinal);
        Assert.Contains("art. 28 del decreto-legge 21 giugno 2013, n. 69", text, StringComparison.Ordinal);
        Assert.Contains($"deve chiedere al Segretario generale del Comune di Limbiate, titolare del potere sostitutivo, di concludere il procedimento entro 20 giorni dalla scadenza del termine, cioè entro il {Spoken(claimBy)}", text, StringComparison.Ordinal);
        Assert.Contains("Indennizzo da ritardo", mail[0].HtmlBody, StringComparison.Ordinal);
    }
}
