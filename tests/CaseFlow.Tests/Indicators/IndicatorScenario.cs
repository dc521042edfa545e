using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CaseFlow.Tests.Clock;
using CaseFlow.Tests.Workflows;

namespace CaseFlow.Tests.Indicators;

/// <summary>
/// A fixed set of procedures driven through the real runtime on a fake clock, whose indicators were computed by hand
/// (IndicatorExactnessTests). Every date is a Rome date; every step happens at 10:00 Rome (09:00 UTC, winter time).
/// All six are received on Monday 23 November 2026 except G (1 February 2027).
///
/// A  contributo-anziani, P60D, desk. Due 23 Nov + 60 = Fri 22 Jan 2027. Claimed 25 Nov; documents asked 26 Nov
///    (suspension), arrived 4 Dec: stopped 8 days, due 30 Jan. Final act (granted) 18 Dec.
///    gross 25 (23 Nov → 18 Dec), stopped 8, net 17, delay 18 Dec − 30 Jan = −43 (within), taken in charge 2.
/// B  cambio-residenza, P45D with silence-assent, online. Due 7 Jan. Registered 24 Nov; notice of refusal 26 Nov;
///    observations 1 Dec, so the clock runs again 11 Dec: stopped 15 days, due 22 Jan. Observations accepted, act 14 Dec.
///    gross 21, stopped 15 (26 Nov → 11 Dec, before the conclusion), net 6, delay −39 (within), taken in charge 1.
/// C  integrazione-interruttiva (test procedure), P30D, pec. Due 23 Dec. Documents asked 1 Dec (interruption), arrived
///    9 Dec: the term restarts, due 9 Dec + 30 = Fri 8 Jan. Flow ends without an act on Mon 11 Jan.
///    gross 49, stopped 8 (1 → 9 Dec), net 41, delay 11 Jan − 8 Jan = +3 (late), taken in charge 8 (1 Dec).
/// D  cambio-residenza, desk. Registered 24 Nov, then nothing: the lapse (end of 7 Jan) swept on 8 Jan closes it by
///    silence-assent. Counted apart: gross 46.
/// E  contributo-anziani, post. Nothing until the lapse of 22 Jan: swept 23 Jan, passes to the substitute (comune-protocollo)
///    with half the term (due 22 Feb). Substitute's istruttoria 1 Feb, ASL opinion 3 Feb, act (granted) 5 Feb.
///    gross 74 (60 + 14), stopped 0, net 74, delay against its own term 5 Feb − 22 Jan = +14 (late), substitute, taken in charge 70.
/// G  mensa-scolastica, P30D, online, received 1 Feb 2027 and still open at the end (6 Feb): backlog, 0–15 days old.
///
/// Satisfaction: B answers 3 on 14 Dec, A answers 5 on 19 Dec, E answers 4 on 6 Feb.
/// </summary>
public sealed class IndicatorScenario : IAsyncLifetime
{
    public const string Interrupting = "integrazione-interruttiva";
    public const string SupervisorName = "elena";
    public const string SupervisorPassword = "prova-indicatori-1";

    public ClockHost Host { get; private set; } = null!;

    public Dictionary<string, string> Cases { get; } = [];

    public static DateTimeOffset At(int year, int month, int day) => new(year, month, day, 9, 0, 0, TimeSpan.Zero);

    public async Task InitializeAsync()
    {
        Host = await ClockHost.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:Users:0:UserName"] = SupervisorName,
            ["Auth:Users:0:DisplayName"] = "Elena Verdi",
            ["Auth:Users:0:PasswordHash"] = CaseFlow.Host.Auth.PasswordHasher.Hash(SupervisorPassword),
            ["Auth:Users:0:Roles:0"] = "supervisor",
        });
        var desk = Host.Desk;
        var imported = await Host.App.CreateAdminClient().PostAsJsonAsync("/elsa/api/workflow-definitions/import", InterruptingDefinition());
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());

        Host.Time.SetUtcNow(At(2026, 11, 23));
        Cases["A"] = await StartAsync("contributo-anziani", "desk", new JsonObject { ["iseeEuro"] = 9000 });
        Cases["B"] = await StartAsync("cambio-residenza", "online");
        Cases["C"] = await StartAsync(Interrupting, "pec");
        Cases["D"] = await StartAsync("cambio-residenza", "desk");
        Cases["E"] = await StartAsync("contributo-anziani", "post", new JsonObject { ["iseeEuro"] = 9000 });

        Host.Time.SetUtcNow(At(2026, 11, 24));
        await desk.CompleteCurrentAsync(Cases["B"], "comune-anagrafe", "Registrata");
        await desk.CompleteCurrentAsync(Cases["D"], "comune-anagrafe", "Registrata");

        Host.Time.SetUtcNow(At(2026, 11, 25));
        var social = await desk.Officer("comune-servizi-sociali");
        var claim = await social.PostAsync($"/api/tasks/{(await desk.CurrentStepAsync(Cases["A"]))["taskId"]}/claim", null);
        Assert.Equal(HttpStatusCode.OK, claim.StatusCode);

        Host.Time.SetUtcNow(At(2026, 11, 26));
        await desk.CompleteCurrentAsync(Cases["A"], "comune-servizi-sociali", "Documenti mancanti");
        await desk.CompleteCurrentAsync(Cases["B"], "comune-polizia-locale", "Dimora non accertata");

        Host.Time.SetUtcNow(At(2026, 12, 1));
        await desk.CompleteCurrentAsync(Cases["C"], "comune-servizi-sociali", "Documenti mancanti");
        await PostAsync(Cases["B"], "observations", new { text = "Abito all'indirizzo dal 1° novembre: allego il contratto di locazione." });

        Host.Time.SetUtcNow(At(2026, 12, 4));
        await PostAsync(Cases["A"], "integration", new { documents = Array.Empty<Guid>() });

        Host.Time.SetUtcNow(At(2026, 12, 9));
        await PostAsync(Cases["C"], "integration", new { documents = Array.Empty<Guid>() });

        Host.Time.SetUtcNow(At(2026, 12, 10));
        await desk.CompleteCurrentAsync(Cases["A"], "comune-servizi-sociali", "Completa");

        Host.Time.SetUtcNow(At(2026, 12, 14));
        await desk.CompleteCurrentAsync(Cases["B"], "comune-anagrafe", "Osservazioni accolte");
        await AnswerAsync("B", 3);

        Host.Time.SetUtcNow(At(2026, 12, 15));
        await desk.CompleteCurrentAsync(Cases["A"], "asl-valutazione-multidimensionale", "Parere favorevole");

        Host.Time.SetUtcNow(At(2026, 12, 18));
        await desk.CompleteCurrentAsync(Cases["A"], "comune-servizi-sociali", "Determina adottata");

        Host.Time.SetUtcNow(At(2026, 12, 19));
        await AnswerAsync("A", 5);

        Host.Time.SetUtcNow(At(2027, 1, 8));
        await SweepAllAsync();
        Assert.Equal("silence-assent", await desk.ScalarAsync<string>("SELECT outcome FROM case_procedures WHERE case_id = @id", ("id", Guid.Parse(Cases["D"]))));

        Host.Time.SetUtcNow(At(2027, 1, 11));
        await desk.CompleteCurrentAsync(Cases["C"], "comune-servizi-sociali", "Completa");

        Host.Time.SetUtcNow(At(2027, 1, 23));
        await SweepAllAsync();
        Assert.Equal("substitute", await desk.ScalarAsync<string>("SELECT status FROM case_procedures WHERE case_id = @id", ("id", Guid.Parse(Cases["E"]))));

        Host.Time.SetUtcNow(At(2027, 2, 1));
        Cases["G"] = await StartAsync("mensa-scolastica", "online");
        await desk.CompleteCurrentAsync(Cases["E"], "comune-protocollo", "Completa");

        Host.Time.SetUtcNow(At(2027, 2, 3));
        await desk.CompleteCurrentAsync(Cases["E"], "asl-valutazione-multidimensionale", "Parere favorevole");

        Host.Time.SetUtcNow(At(2027, 2, 5));
        await desk.CompleteCurrentAsync(Cases["E"], "comune-protocollo", "Determina adottata");

        Host.Time.SetUtcNow(At(2027, 2, 6));
        await AnswerAsync("E", 4);

        Host.Time.SetUtcNow(At(2027, 3, 1));
        for (var m = 1; m <= 5; m++)
        {
            Cases[$"M{m}"] = await StartAsync("mensa-scolastica", "online", new JsonObject { ["richiestaRiduzione"] = false });
        }

        foreach (var (m, day) in new[] { (1, 2), (2, 3), (3, 4), (4, 5), (5, 8) })
        {
            Host.Time.SetUtcNow(At(2027, 3, day));
            await desk.CompleteCurrentAsync(Cases[$"M{m}"], "comune-servizi-scolastici", "Iscrizione ammissibile");
        }
    }

    private readonly Dictionary<string, string> tracking = [];

    private async Task<string> StartAsync(string procedure, string channel, JsonObject? form = null)
    {
        var application = Tests.Cases.CaseDesk.Application(procedure, form);
        application["channel"] = channel;
        var started = await Host.Desk.StartAsync(application);
        var caseId = started["caseId"]!.GetValue<string>();
        tracking[caseId] = started["trackingCode"]!.GetValue<string>();
        return caseId;
    }

    private async Task PostAsync(string caseId, string what, object body)
    {
        var procedureId = await Host.Desk.ScalarAsync<Guid>("SELECT id FROM case_procedures WHERE case_id = @id", ("id", Guid.Parse(caseId)));
        var response = await (await Host.Desk.FrontDesk).PostAsJsonAsync($"/api/cases/{caseId}/procedures/{procedureId}/{what}", body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private async Task AnswerAsync(string name, int score)
    {
        using var client = Host.App.CreateClient();
        var response = await client.PostAsync($"/valuta/{tracking[Cases[name]]}",
            new FormUrlEncodedContent([new("voto", score.ToString(System.Globalization.CultureInfo.InvariantCulture))]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task SweepAllAsync()
    {
        while (await Host.SweepAsync() > 0)
        {
        }
    }

    private static JsonObject InterruptingDefinition()
    {
        const string office = "comune-servizi-sociali";
        var definition = Def.Flowchart(Interrupting,
            [
                Def.Start(),
                Def.OfficeTask("istruttoria", office, "Completa", "Documenti mancanti"),
                Def.Activity("integrazione", "CaseFlow.RequestIntegration",
                    ("documents", Def.Expression("Literal", "[\"Attestazione ISEE in corso di validità\"]", "String[]")),
                    ("mode", Def.Literal("Interrupt")), ("capDays", Def.Literal(10, "Int32"))),
                Def.End(),
            ],
            [("start", "Done", "istruttoria"), ("istruttoria", "Documenti mancanti", "integrazione"), ("istruttoria", "Completa", "end"),
             ("integrazione", "Received", "istruttoria"), ("integrazione", "Expired", "istruttoria")]);
        definition["isPublished"] = true;
        definition["customProperties"] = new JsonObject
        {
            ["caseflow"] = new JsonObject
            {
                ["sheet"] = new JsonObject
                {
                    ["title"] = "Contributo con integrazione interruttiva", ["agency"] = "comune-limbiate", ["office"] = office,
                    ["responsibleOfficer"] = "Dott.ssa Giulia Ferrari", ["term"] = "P30D", ["silenceAssent"] = false,
                },
            },
        };
        return definition;
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
