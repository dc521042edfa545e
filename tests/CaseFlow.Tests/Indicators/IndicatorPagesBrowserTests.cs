using CaseFlow.Host.Auth;
using CaseFlow.Tests.Infrastructure;
using CaseFlow.Tests.Studio;
using CaseFlow.Tests.Web;
using CaseFlow.Tests.Web.Pages;
using Npgsql;
using OpenQA.Selenium;

namespace CaseFlow.Tests.Indicators;

/// <summary>
/// The host as a real process on a database holding a year of procedures (closed through the closing trigger), one
/// supervisor; the indicators pages in headless Chromium, screenshotted and checked with axe-core.
/// </summary>
public sealed class IndicatorPagesFixture : IAsyncLifetime
{
    public const string Password = "password-di-prova";
    private HostProcess? host;

    public Uri BaseAddress => host!.BaseAddress;

    public async Task InitializeAsync()
    {
        var connectionString = await TestCluster.CreateDatabaseAsync();
        host = HostProcess.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings__CaseFlow"] = connectionString,
            ["Jobs__WorkerCount"] = "1",
            ["Auth__Users__0__UserName"] = "supervisore",
            ["Auth__Users__0__DisplayName"] = "Elena Verdi",
            ["Auth__Users__0__PasswordHash"] = PasswordHasher.Hash(Password),
            ["Auth__Users__0__Roles__0"] = "supervisor",
        });
        await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var seed = new NpgsqlCommand(Seed, connection);
        await seed.ExecuteNonQueryAsync();
    }

    // 420 procedures received over the last year at 09:00 Rome time; nine in ten then close (by an UPDATE, so through
    // the closing trigger) 1–70 days later, some after a suspension; the rest stay open.
    private const string Seed = """
        CREATE TEMP TABLE seed AS
        SELECT i, ('00000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid AS id,
               (ARRAY['desk','desk','desk','online','online','pec','email','post'])[1 + (i * 7) % 8] AS channel,
               (ARRAY['cambio-residenza','contributo-anziani','mensa-scolastica','assegno-maternita','contrassegno-disabili'])[1 + (i * 3) % 5] AS procedure,
               date_trunc('day', now() AT TIME ZONE 'Europe/Rome') AT TIME ZONE 'Europe/Rome' - make_interval(days => 20 + (i * 37) % 345) + interval '9 hours' AS received
        FROM generate_series(1, 420) i;
        INSERT INTO cases (id, tracking_code, protocol_number, fiscal_code, citizen, channel, received_at, status, created_at, created_by)
        SELECT id, 'SEED' || lpad(i::text, 10, '0'), '2026/' || lpad(i::text, 7, '0'), 'RSSMRA80A01F205X', '{}', channel, received, 'open', received, 'seed' FROM seed;
        INSERT INTO case_procedures (id, case_id, instance_id, procedure_id, version, name, agency, office, term, protocol_number, form_data, clock_events, due_at, status)
        SELECT id, id, 'seed-' || i, procedure, 1, procedure, 'comune-limbiate',
               CASE procedure WHEN 'cambio-residenza' THEN 'comune-anagrafe' WHEN 'mensa-scolastica' THEN 'comune-servizi-scolastici'
                              WHEN 'contrassegno-disabili' THEN 'comune-polizia-locale' ELSE 'comune-servizi-sociali' END,
               'P30D', '2026/' || lpad(i::text, 7, '0'), '{}',
               CASE WHEN i % 6 = 0 THEN jsonb_build_array(jsonb_build_object('kind', 'suspension', 'from', (received + interval '2 days')::date::text,
                                                                                 'to', (received + interval '9 days')::date::text)) ELSE '[]' END,
               received + interval '30 days' + CASE WHEN i % 6 = 0 THEN interval '7 days' ELSE interval '0' END, 'open'
        FROM seed;
        UPDATE case_procedures p SET status = 'granted', outcome = 'granted', closed_at = s.received + make_interval(days => 1 + (s.i * 13) % 45 + CASE WHEN s.i % 9 = 0 THEN 20 ELSE 0 END)
        FROM seed s WHERE p.id = s.id AND s.i % 10 <> 0 AND s.received + make_interval(days => 1 + (s.i * 13) % 45 + CASE WHEN s.i % 9 = 0 THEN 20 ELSE 0 END) < now();
        UPDATE cases k SET status = 'closed', closed_at = p.closed_at FROM case_procedures p WHERE p.case_id = k.id AND p.closed_at IS NOT NULL;
        INSERT INTO case_satisfaction (case_id, score, answered_at)
        SELECT k.id, 1 + (s.i * 7) % 5, k.closed_at + interval '1 day' FROM cases k JOIN seed s ON s.id = k.id WHERE k.closed_at IS NOT NULL AND s.i % 3 = 0 AND k.closed_at < now() - interval '1 day';
        """;

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}

[Collection(WebBrowserCollection.Name)]
public sealed class IndicatorPagesBrowserTests(IndicatorPagesFixture fixture) : IClassFixture<IndicatorPagesFixture>
{
    private static readonly Lazy<string> ArtifactsFolder = new(() => Chromium.ArtifactsFolder("web"));

    [Fact]
    public void A_supervisor_reads_the_indicators_with_charts_beside_their_tables_filters_them_and_sees_a_bad_date_explained()
    {
        using var browser = new OperatorBrowser(fixture.BaseAddress, ArtifactsFolder.Value, "indicators");
        browser.Open("/supervisione/indicatori");
        browser.Arrive("/login", "Accesso operatori");
        new SignInPage(browser).SignInWithKeyboard("supervisore", IndicatorPagesFixture.Password);
        browser.Arrive("/supervisione/indicatori", "Indicatori dello sportello");

        // Every chart is one image with a title and a description, and a table of its numbers beside it.
        var charts = browser.FindAll("svg.cf-chart");
        Assert.Equal(8, charts.Count);
        foreach (var chart in charts)
        {
            Assert.Equal("img", chart.GetAttribute("role"));
            var labelledBy = chart.GetAttribute("aria-labelledby")!.Split(' ');
            Assert.Equal(2, labelledBy.Length);
            Assert.NotEmpty(browser.Find($"#{labelledBy[1]}").GetAttribute("textContent")!);
            Assert.Single(chart.FindElements(By.XPath("ancestor::section[1]//table")));
        }

        Assert.NotEqual("0", browser.Find("#sum-concluded").Text);
        browser.Check("page");
        // The whole page in one picture: a window as tall as the page.
        var height = Convert.ToInt32(((IJavaScriptExecutor)browser.Driver).ExecuteScript("return document.documentElement.scrollHeight"), System.Globalization.CultureInfo.InvariantCulture);
        var size = browser.Driver.Manage().Window.Size;
        browser.Driver.Manage().Window.Size = new System.Drawing.Size(size.Width, height + 200);
        browser.Screenshot("whole-page");
        browser.Driver.Manage().Window.Size = size;

        browser.Open("/supervisione/indicatori?procedimento=mensa-scolastica&canale=desk");
        browser.Arrive("/supervisione/indicatori", "Indicatori dello sportello");
        Assert.Equal("mensa-scolastica", browser.Find("#procedimento").GetAttribute("value"));
        Assert.Single(browser.FindAll("#by-procedure tbody tr"));
        browser.Check("filtered");

        browser.Open("/supervisione/indicatori?dal=2026-02-30&al=2026-03-31");
        browser.Arrive("/supervisione/indicatori", "Indicatori dello sportello");
        Assert.StartsWith("Data iniziale obbligatoria", browser.Find("#from-error").Text);
        Assert.Equal("from-error", browser.Find("#dal").GetAttribute("aria-describedby"));
        Assert.Empty(browser.FindAll("svg.cf-chart"));
        browser.Check("bad-date");
    }

    [Fact]
    public void Anyone_reads_the_times_per_half_year_without_signing_in_and_without_javascript()
    {
        using var browser = new OperatorBrowser(fixture.BaseAddress, ArtifactsFolder.Value, "transparency");
        browser.Open("/trasparenza/tempi-procedimentali");
        browser.Arrive("/trasparenza/tempi-procedimentali", "Monitoraggio dei tempi procedimentali");
        // One row per published procedure with an information sheet: the six shipped ones (parere-asl is a sub-procedure).
        Assert.Equal(6, browser.FindAll("#public-times tbody tr").Count);
        Assert.NotEmpty(browser.FindAll("a[href^='/trasparenza/tempi-procedimentali.csv']"));
        Assert.NotEmpty(browser.FindAll("a[href^='/trasparenza/tempi-procedimentali.json']"));
        browser.Check("current");
        var height = Convert.ToInt32(((IJavaScriptExecutor)browser.Driver).ExecuteScript("return document.documentElement.scrollHeight"), System.Globalization.CultureInfo.InvariantCulture);
        browser.Driver.Manage().Window.Size = new System.Drawing.Size(browser.Driver.Manage().Window.Size.Width, height + 200);
        browser.Screenshot("whole-page");

        browser.Open($"/trasparenza/tempi-procedimentali?semestre={browser.Find("#semestre option:nth-child(2)").GetAttribute("value")}");
        browser.Arrive("/trasparenza/tempi-procedimentali", "Monitoraggio dei tempi procedimentali");
        browser.Check("previous");

        using var noScript = new OperatorBrowser(fixture.BaseAddress, ArtifactsFolder.Value, "transparency-nojs", javaScript: false);
        noScript.Open("/trasparenza/tempi-procedimentali");
        noScript.Arrive("/trasparenza/tempi-procedimentali", "Monitoraggio dei tempi procedimentali");
        noScript.Find("#semestre").SendKeys(Keys.ArrowDown);
        noScript.Find("form[aria-label] button[type=submit]").Click();
        noScript.Until(d => d.Url.Contains("semestre=", StringComparison.Ordinal), "the form is submitted without JavaScript");
        noScript.Screenshot("chosen");
    }
}
