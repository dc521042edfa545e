using System.Text.RegularExpressions;
using CaseFlow.Tests.Studio;
using CaseFlow.Tests.Web.Pages;
using OpenQA.Selenium;

namespace CaseFlow.Tests.Web;

/// <summary>
/// The operators' pages in real headless Chromium against the real host process: every page visited is screenshotted
/// into tests/CaseFlow.Tests/artifacts/web and checked with axe-core; the main actions are reached with the keyboard.
/// </summary>
[Collection(WebBrowserCollection.Name)]
public sealed partial class OperatorPagesBrowserTests(WebBrowserFixture fixture) : IClassFixture<WebBrowserFixture>
{
    private static readonly Lazy<string> ArtifactsFolder = new(() => Chromium.ArtifactsFolder("web"));

    private OperatorBrowser Browser(string prefix, bool javaScript = true) => new(fixture.BaseAddress, ArtifactsFolder.Value, prefix, javaScript);

    [Fact]
    public void The_front_desk_signs_in_with_the_keyboard_and_reads_a_procedure_sheet_in_Italian_and_in_English()
    {
        using var browser = Browser("desk");
        var signIn = new SignInPage(browser);

        browser.Open("/");
        browser.Arrive("/login", "Accesso operatori");
        Assert.Equal("Comune di Limbiate", browser.Header.Administration);
        browser.Press(Keys.Tab);
        Assert.Equal("Vai al contenuto principale", browser.Driver.SwitchTo().ActiveElement().Text);
        browser.Check("login");

        signIn.SignInWithKeyboard("sportello", "sbagliata");
        browser.Until(d => signIn.Summary, "the form reports the wrong password");
        Assert.Contains("Nome utente o password non corretti.", signIn.Summary);
        Assert.Equal("sportello", signIn.UserNameValue);
        browser.Check("login-wrong-password");

        browser.Find("#username").Clear();
        signIn.SignInWithKeyboard("sportello", WebBrowserFixture.Password);
        browser.Arrive("/sportello", "Sportello");
        Assert.Contains("Anna Sportelli", browser.Header.Person);
        Assert.Contains("Operatore di sportello", browser.Header.Person);
        Assert.Equal(["Sportello"], browser.Header.Menu);
        browser.Check("desk-home");

        browser.TabTo("main a[href='/sportello/procedimenti']");
        browser.Press(Keys.Enter);
        browser.Arrive("/sportello/procedimenti", "Catalogo dei procedimenti");
        var catalogue = new CataloguePage(browser);
        Assert.Equal(6, catalogue.Titles.Count);
        browser.Check("catalogue");

        catalogue.Search("residenza anagrafica");
        browser.Until(d => catalogue.ResultCount == "1 procedimento", "the search narrows the catalogue to one procedure");
        Assert.Equal(["Cambio di residenza (dichiarazione anagrafica)"], catalogue.Titles);
        browser.Check("catalogue-search");

        catalogue.Open("Cambio di residenza (dichiarazione anagrafica)");
        browser.Arrive("/sportello/procedimenti/cambio-residenza", "Cambio di residenza (dichiarazione anagrafica)");
        var sheet = catalogue.Sheet();
        Assert.Equal("Ufficio Anagrafe", sheet["Ufficio competente"]);
        Assert.Equal("45 giorni", sheet["Termine di conclusione"]);
        Assert.StartsWith("Sì", sheet["Silenzio-assenso"]);
        Assert.Contains("Dott. Marco Brambilla", sheet["Responsabile del procedimento"]);
        Assert.Equal(["Home", "Sportello", "Catalogo dei procedimenti", "Cambio di residenza (dichiarazione anagrafica)"],
            browser.FindAll("nav.breadcrumb-container li").Select(li => li.Text.TrimEnd('/', ' ')));
        Assert.Equal("page", browser.Find("nav.breadcrumb-container li:last-child").GetAttribute("aria-current"));
        browser.Check("sheet");

        browser.Header.SwitchLanguage();
        browser.Until(d => d.FindElement(By.TagName("html")).GetAttribute("lang") == "en", "the page turns English");
        Assert.Equal("/sportello/procedimenti/cambio-residenza", browser.Path);
        Assert.Equal("45 days", catalogue.Sheet()["Term to decide"]);
        Assert.Contains("Sign out", browser.Find("#sign-out").Text);
        browser.Check("sheet-english");
        browser.Header.SwitchLanguage();
        browser.Until(d => d.FindElement(By.TagName("html")).GetAttribute("lang") == "it", "the page is Italian again");

        browser.TabTo("#sign-out");
        browser.Press(Keys.Enter);
        browser.Arrive("/login", "Accesso operatori");
        Assert.Contains("Sei uscito", browser.Find("main").Text);
        browser.Open("/sportello");
        browser.UntilPath("/login");
        browser.Check("signed-out");
    }

    [Fact]
    public void An_officer_finds_the_case_in_the_office_queue_and_gets_Italian_pages_for_what_is_refused_or_missing()
    {
        using var browser = Browser("office");
        browser.Open("/ufficio");
        browser.UntilPath("/login");
        new SignInPage(browser).SignInWithKeyboard("anagrafe", WebBrowserFixture.Password);
        browser.Arrive("/ufficio", "Attività dell'ufficio");
        var queue = new QueueScreen(browser);
        Assert.Contains("Ufficio Anagrafe", queue.Office);
        var row = Assert.Single(queue.Rows);
        Assert.Equal(fixture.ResidenceProtocol, row.Protocol);
        Assert.Contains("Cambio di residenza", row.Procedure);
        Assert.Matches(ItalianDate(), row.Due);
        Assert.Equal("Nessuno", row.ClaimedBy);
        Assert.Contains("Ufficio Anagrafe", browser.Header.Person);
        browser.Check("queue");

        browser.Open("/ufficio?ufficio=asl-commissione");
        Assert.Equal("Accesso negato", browser.Heading);
        browser.Check("queue-other-office-403");

        browser.Open("/sportello/procedimenti");
        Assert.Equal("Accesso negato", browser.Heading);
        browser.TabTo("#back-home");
        browser.Press(Keys.Enter);
        browser.Arrive("/ufficio", "Attività dell'ufficio");

        browser.Open("/pagina-che-non-esiste");
        Assert.Equal("Pagina non trovata", browser.Heading);
        Assert.True(browser.Find("#back-home").Displayed);
        browser.Check("404");
    }

    [Fact]
    public void A_person_with_two_roles_chooses_where_to_work_and_the_supervisor_sees_every_office_workload()
    {
        using var browser = Browser("choice");
        browser.Open("/");
        new SignInPage(browser).SignInWithKeyboard("responsabile", WebBrowserFixture.Password);
        browser.Arrive("/", "Scegli dove lavorare");
        Assert.Contains("Paolo Neri, il tuo profilo dà accesso a più aree.", browser.Find("main").Text);
        Assert.Equal(["Sportello", "Supervisione"], browser.FindAll("main .card-title a").Select(a => a.Text));
        Assert.Equal(["Sportello", "Supervisione"], browser.Header.Menu);
        browser.Check("choice");

        browser.TabTo("main a[href='/supervisione']");
        browser.Press(Keys.Enter);
        browser.Arrive("/supervisione", "Supervisione");
        browser.Check("supervision");
        var anagrafe = browser.FindAll("#workload tbody tr").Single(tr => tr.Text.StartsWith("Ufficio Anagrafe", StringComparison.Ordinal));
        Assert.Equal("1", anagrafe.FindElements(By.CssSelector("td"))[1].Text);

        anagrafe.FindElement(By.TagName("a")).Click();
        browser.Arrive("/ufficio", "Attività dell'ufficio");
        Assert.Single(new QueueScreen(browser).Rows);
        Assert.True(browser.FindAll("#office").Count == 1, "a supervisor may switch between offices");
        browser.Check("supervision-queue");
    }

    [Fact]
    public void With_JavaScript_off_the_front_desk_signs_in_searches_the_catalogue_and_signs_out()
    {
        using var browser = Browser("nojs", javaScript: false);
        browser.Open("/sportello/procedimenti");
        browser.UntilPath("/login");
        new SignInPage(browser).SignInWithKeyboard("sportello", WebBrowserFixture.Password);
        browser.UntilPath("/sportello/procedimenti");
        var catalogue = new CataloguePage(browser);
        catalogue.Search("mensa");
        browser.Until(d => catalogue.ResultCount == "1 procedimento", "the search works as a plain GET form");
        Assert.Equal(["Iscrizione al servizio di mensa scolastica"], catalogue.Titles);
        browser.Screenshot("catalogue-search");
        browser.Header.SignOut();
        browser.UntilPath("/login");
        Assert.False(browser.Header.SignedIn);
    }

    [GeneratedRegex(@"^\d{1,2} (gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre) \d{4}")]
    private static partial Regex ItalianDate();
}

/// <summary>The accessibility check itself can fail: a page with an unlabelled image and field is caught.</summary>
[Collection(WebBrowserCollection.Name)]
public sealed class AxeCheckTests
{
    [Fact]
    public void Axe_fails_a_page_with_an_image_without_text_and_a_field_without_a_label()
    {
        using var browser = new OperatorBrowser(new Uri("http://127.0.0.1/"), Chromium.ArtifactsFolder("web-axe"), "bad");
        browser.Driver.Navigate().GoToUrl("data:text/html,<html lang='it'><title>t</title><main><h1>Prova</h1><img src='x.png'><input type='text'></main></html>");

        var failure = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => browser.Check("bad-page"));
        Assert.Contains("image-alt", failure.Message);
        Assert.Contains("label", failure.Message);
    }
}
