using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CaseFlow.Tests.Infrastructure;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Interactions;
using OpenQA.Selenium.Support.UI;

namespace CaseFlow.Tests.Studio;

/// <summary>
/// The official Elsa Studio in real headless Chromium against the real host: sign in, list, open a procedure, add an
/// activity from the toolbox, connect it, publish, and see a new instance run on the new version. One screenshot per
/// step lands in tests/CaseFlow.Tests/artifacts/studio/.
/// </summary>
[Collection(StudioBrowserCollection.Name)]
public sealed class StudioDesignerTests(StudioBrowserFixture fixture) : IClassFixture<StudioBrowserFixture>, IDisposable
{
    // The Blazor WebAssembly bundle needs 5–20 s to boot on a busy two-core machine; every wait is on a condition.
    private static readonly TimeSpan BootTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(45);

    private readonly string userData = Directory.CreateTempSubdirectory("caseflow-chromium-").FullName;
    private string artifacts = Chromium.ArtifactsFolder("studio");
    private ChromeDriver? chrome;
    private int step;

    private ChromeDriver Chrome => chrome ??= Chromium.Start(userData);

    [Fact]
    public async Task A_designer_adds_an_activity_connects_it_and_publishes_and_new_instances_run_on_the_new_version()
    {
        Step("login", () =>
        {
            Chrome.Navigate().GoToUrl(new Uri(fixture.BaseAddress, "/studio"));
            Until(d => d.Url.Contains("/login?returnUrl=%2Fstudio", StringComparison.Ordinal), StepTimeout, "/studio sends an anonymous browser to the login page");
            Chrome.FindElement(By.Id("username")).SendKeys(StudioBrowserFixture.DesignerName);
            Chrome.FindElement(By.Id("password")).SendKeys(StudioBrowserFixture.DesignerPassword);
        });

        Step("definition-list", () =>
        {
            Chrome.FindElement(By.CssSelector("button[type=submit]")).Click();
            Until(d => d.FindElements(By.XPath("//elsa-workflow-definition-list//td[contains(., 'Prova dello Studio')]")).Count > 0,
                BootTimeout, "the Studio's definition list shows the seeded procedure");
            Assert.Equal("CaseFlow · Progettazione dei procedimenti", Chrome.Title);
            Assert.Contains("Giulia Bianchi", Chrome.FindElement(By.Id("studio-user")).Text);
        });

        Step("editor-canvas", () =>
        {
            Chrome.FindElement(By.XPath("//elsa-workflow-definition-list//td[contains(., 'Prova dello Studio')]")).Click();
            Until(d => d.Url.EndsWith("#/procedimenti/studio-prova", StringComparison.Ordinal), StepTimeout, "a row click opens the editor");
            Until(d => Nodes().Count == 2, BootTimeout, "the editor draws both activities on the canvas");
            Assert.Contains("Protocollo", Node("protocollo").Text);
            Assert.Contains("Avvio", Node("avvio").Text);
            Assert.Single(Chrome.FindElements(By.CssSelector("g.x6-edge")));
            Assert.False(Chrome.FindElement(By.Id("blazor-error-ui")).Displayed, "no Blazor error bar");
        });

        string added = "";
        Step("activity-added", () =>
        {
            Chrome.FindElement(By.XPath("//*[contains(@class,'mud-expand-panel-header')][contains(., 'Flusso')]")).Click();
            var item = Until(d => d.FindElements(By.XPath("//*[@draggable='true'][normalize-space(.)='Scrivi nel registro']")).FirstOrDefault(),
                StepTimeout, "the Flusso category lists 'Scrivi nel registro'")!;
            var below = Node("protocollo").Location;
            Chromium.DragToCanvas(Chrome, item, Chrome.FindElement(By.CssSelector(".flowchart-diagram-designer-wrapper")), below.X + 60, below.Y + 150);
            Until(d => Nodes().Count == 3, StepTimeout, "the dropped activity appears on the canvas");
            added = Nodes().Select(n => n.GetAttribute("data-cell-id")!).Single(id => id is not "avvio" and not "protocollo");
        });

        Step("activity-connected", () =>
        {
            // X6 draws connections from real mouse input: press on Protocollo's Done port, release on the new In port.
            var from = Chrome.FindElement(By.CssSelector("g.x6-node[data-cell-id=protocollo] g.x6-port-body[port=Done] circle.elsa-designer-port-hit-area"));
            var to = Chrome.FindElement(By.CssSelector($"g.x6-node[data-cell-id='{added}'] g.x6-port-body[port-group=in] circle.elsa-designer-port-hit-area"));
            new Actions(Chrome).MoveToElement(from).ClickAndHold().MoveByOffset(10, 20).MoveToElement(to).Release().Perform();
            Until(d => d.FindElements(By.CssSelector("g.x6-edge")).Count == 2, StepTimeout, "the new connection is drawn");

            var text = Until(d => d.FindElements(By.XPath("//div[contains(@class,'mud-input-control')][.//label[normalize-space(.)='Testo']]//input")).FirstOrDefault(),
                StepTimeout, "the new activity's Testo input is shown")!;
            text.SendKeys("Aggiunto dallo Studio" + Keys.Tab);
        });

        await Eventually.True(async () => (await LatestAsync())?["root"]?["connections"]?.AsArray().Count == 2, StepTimeout,
            "auto-save stores the new connection");

        Step("published", () =>
        {
            Chrome.FindElement(By.CssSelector("div.mud-button-group-root button.mud-icon-button.mud-primary-text")).Click();
            Until(d => d.FindElement(By.TagName("body")).Text.Contains("Workflow published", StringComparison.Ordinal), StepTimeout, "the Studio confirms the publication");
        });

        using var api = fixture.AdminClient();
        var published = await Eventually.Get(() => GetJsonAsync(api, "/elsa/api/workflow-definitions/by-definition-id/studio-prova?versionOptions=Published"),
            d => d?["version"]?.GetValue<int>() == 2, StepTimeout, "version 2 is the published one");
        var activities = published!["root"]!["activities"]!.AsArray();
        Assert.Equal(3, activities.Count);
        var writeLine = activities.Single(a => a!["id"]!.GetValue<string>() == added)!;
        Assert.Equal("Elsa.WriteLine", writeLine["type"]!.GetValue<string>());
        Assert.Equal("Aggiunto dallo Studio", writeLine["text"]?["expression"]?["value"]?.GetValue<string>());
        Assert.Contains(published["root"]!["connections"]!.AsArray(), c =>
            c!["source"]!["activity"]!.GetValue<string>() == "protocollo" && c["target"]!["activity"]!.GetValue<string>() == added);

        var run = await api.PostAsync("/elsa/api/workflow-definitions/studio-prova/execute", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        var instanceId = run.Headers.GetValues("x-elsa-workflow-instance-id").Single();
        var instance = await GetJsonAsync(api, $"/elsa/api/workflow-instances/{instanceId}");
        Assert.Equal(2, instance!["version"]!.GetValue<int>());
        Assert.Equal("Finished", instance["status"]!.GetValue<string>());

        Step("definition-instances", () =>
        {
            Chrome.FindElement(By.Id("studio-definition-instances")).Click();
            Until(d => d.FindElements(By.CssSelector($"#definition-instances a[href$='{instanceId}']")).Count == 1, StepTimeout,
                "the procedure's instances list the new instance");
        });

        Step("instance-viewer", () =>
        {
            Chrome.FindElement(By.CssSelector($"#definition-instances a[href$='{instanceId}']")).Click();
            Until(d => d.FindElements(By.CssSelector("elsa-workflow-instance-viewer g.x6-node")).Count == 3, BootTimeout,
                "the instance viewer draws the version the instance ran on");
            Assert.False(Chrome.FindElement(By.Id("blazor-error-ui")).Displayed, "no Blazor error bar");
        });

        Step("studio-instance-list", () =>
        {
            Chrome.FindElement(By.Id("nav-instances")).Click();
            var row = $"//elsa-workflow-instance-list//td[contains(., '{instanceId}')]";
            Until(d => d.FindElements(By.XPath(row)).Count > 0, BootTimeout, "the Studio's instance list shows the new instance");
            Chrome.FindElement(By.XPath(row)).Click();
            Until(d => d.Url.EndsWith($"#/istanze/{instanceId}", StringComparison.Ordinal), StepTimeout, "a row click opens the instance viewer");
            Until(d => d.FindElements(By.CssSelector("elsa-workflow-instance-viewer g.x6-node")).Count == 3, BootTimeout, "the viewer draws the instance");
        });

        Step("back-to-list", () =>
        {
            Chrome.Navigate().GoToUrl(new Uri(fixture.BaseAddress, "/studio#/procedimenti/studio-prova"));
            Until(d => Nodes().Count == 3, BootTimeout, "the editor opens on the new version");
            Chrome.FindElement(By.Id("studio-back")).Click();
            Until(d => d.FindElements(By.XPath("//elsa-workflow-definition-list//td[contains(., 'Prova dello Studio')]")).Count > 0,
                StepTimeout, "the back link returns to the definition list");
            Assert.False(Chrome.FindElement(By.Id("blazor-error-ui")).Displayed, "no Blazor error bar");
        });
    }

    public void Dispose()
    {
        chrome?.Quit();
        chrome?.Dispose();
        try
        {
            Directory.Delete(userData, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be letting go of its profile; a folder left in /tmp is harmless.
        }
    }

    [Fact]
    public async Task A_shipped_procedure_opens_with_every_activity_and_connection_drawn_and_is_not_altered_by_opening_it()
    {
        artifacts = Chromium.ArtifactsFolder("studio-shipped");
        var before = await GetJsonAsync(fixture.AdminClient(), "/elsa/api/workflow-definitions/by-definition-id/cambio-residenza?versionOptions=Latest");
        Step("shipped-login", () =>
        {
            Chrome.Navigate().GoToUrl(new Uri(fixture.BaseAddress, "/studio"));
            Until(d => d.FindElements(By.Id("username")).Count > 0, StepTimeout, "the login page");
            Chrome.FindElement(By.Id("username")).SendKeys(StudioBrowserFixture.DesignerName);
            Chrome.FindElement(By.Id("password")).SendKeys(StudioBrowserFixture.DesignerPassword);
            Chrome.FindElement(By.CssSelector("button[type=submit]")).Click();
            Until(d => d.FindElements(By.XPath("//elsa-workflow-definition-list//td[contains(., 'Cambio di residenza')]")).Count > 0,
                BootTimeout, "the list shows the shipped procedure");
        });

        Step("shipped-canvas", () =>
        {
            Chrome.FindElement(By.XPath("//elsa-workflow-definition-list//td[contains(., 'Cambio di residenza')]")).Click();
            Until(d => Nodes().Count == 15, BootTimeout, "the editor draws all 15 activities");
            Until(d => d.FindElements(By.CssSelector("elsa-workflow-definition-editor g.x6-edge")).Count == 15, StepTimeout, "and all 15 connections");
            Assert.Contains("Accertamento", string.Join(" ", Nodes().Select(n => n.Text)), StringComparison.OrdinalIgnoreCase);
            Assert.False(Chrome.FindElement(By.Id("blazor-error-ui")).Displayed, "no Blazor error bar");
        });

        // Opening must not make the auto-save rewrite the procedure (the Studio's data-loss trap).
        var after = await GetJsonAsync(fixture.AdminClient(), "/elsa/api/workflow-definitions/by-definition-id/cambio-residenza?versionOptions=Latest");
        Assert.Equal(before!["version"]!.GetValue<int>(), after!["version"]!.GetValue<int>());
        Assert.Equal(15, after["root"]!["connections"]!.AsArray().Count);
        // Nor lose what Elsa has no place for: the form's rules and its English texts ride in customProperties.
        Assert.True(JsonNode.DeepEquals(before["customProperties"], after["customProperties"]), "the custom properties are kept as they were");
        Assert.Equal("New address (street and number)", after["customProperties"]!["caseflow"]!["form"]!["fields"]!["indirizzo"]!["en"]!["label"]!.GetValue<string>());
    }

    private IReadOnlyCollection<IWebElement> Nodes() => Chrome.FindElements(By.CssSelector("elsa-workflow-definition-editor g.x6-node"));

    private IWebElement Node(string id) => Chrome.FindElement(By.CssSelector($"elsa-workflow-definition-editor g.x6-node[data-cell-id='{id}']"));

    private async Task<JsonNode?> LatestAsync()
    {
        using var api = fixture.AdminClient();
        return await GetJsonAsync(api, "/elsa/api/workflow-definitions/by-definition-id/studio-prova?versionOptions=Latest");
    }

    private static async Task<JsonNode?> GetJsonAsync(HttpClient api, string url)
    {
        var response = await api.GetAsync(url);
        return response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync()) : null;
    }

    private T Until<T>(Func<IWebDriver, T> condition, TimeSpan timeout, string because)
    {
        var wait = new WebDriverWait(Chrome, timeout) { PollingInterval = TimeSpan.FromMilliseconds(250), Message = because };
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        return wait.Until(condition);
    }

    /// <summary>Runs one step and saves its screenshot; a failing step saves one too and says what the page showed.</summary>
    private void Step(string name, Action action)
    {
        var file = Path.Combine(artifacts, $"{++step:00}-{name}.png");
        try
        {
            action();
            Chrome.GetScreenshot().SaveAsFile(file);
        }
        catch (Exception ex) when (ex is WebDriverException or Xunit.Sdk.XunitException)
        {
            Chrome.GetScreenshot().SaveAsFile(file.Replace(".png", "-failed.png", StringComparison.Ordinal));
            var page = Chrome.FindElement(By.TagName("body")).Text;
            throw new InvalidOperationException(
                $"Step '{name}' failed at {Chrome.Url}: {ex.Message}\n--- page ---\n{page[..Math.Min(page.Length, 1500)]}\n--- host ---\n{Tail(fixture.Host.Output)}", ex);
        }
    }

    private static string Tail(string text) => text.Length <= 3000 ? text : text[^3000..];
}

/// <summary>Browser tests run one at a time: two Chromiums booting the WebAssembly bundle on two cores starve each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StudioBrowserCollection
{
    public const string Name = "Studio in Chromium";
}
