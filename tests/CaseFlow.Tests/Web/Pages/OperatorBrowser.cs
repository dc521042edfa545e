using CaseFlow.Tests.Studio;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace CaseFlow.Tests.Web.Pages;

/// <summary>
/// One person's headless Chromium on the operators' pages: every page it lands on is screenshotted into
/// artifacts/web and, with JavaScript on, checked by axe-core.
/// </summary>
public sealed class OperatorBrowser : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly string userData = Directory.CreateTempSubdirectory("caseflow-web-chromium-").FullName;
    private readonly Uri baseAddress;
    private readonly string prefix;
    private int shot;

    public OperatorBrowser(Uri baseAddress, string artifacts, string prefix, bool javaScript = true)
    {
        this.baseAddress = baseAddress;
        this.prefix = prefix;
        Artifacts = artifacts;
        JavaScript = javaScript;
        Driver = Chromium.Start(userData, javaScript);
    }

    public ChromeDriver Driver { get; }

    public string Artifacts { get; }

    public bool JavaScript { get; }

    public string Path => new Uri(Driver.Url).PathAndQuery;

    public SiteHeader Header => new(Driver);

    public void Open(string path) => Driver.Navigate().GoToUrl(new Uri(baseAddress, path));

    public IWebElement Find(string css) => Driver.FindElement(By.CssSelector(css));

    public IReadOnlyCollection<IWebElement> FindAll(string css) => Driver.FindElements(By.CssSelector(css));

    public string Heading => Find("main h1").Text;

    public void Until(Func<IWebDriver, bool> condition, string what) => Wait(d => condition(d) ? true : null, what);

    public T Until<T>(Func<IWebDriver, T?> find, string what) where T : class => (T)Wait(find, what);

    private object Wait(Func<IWebDriver, object?> condition, string what)
    {
        try
        {
            var wait = new WebDriverWait(Driver, Timeout);
            // A full page load replaces the document under a condition that was reading it: read again.
            wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException), typeof(NoSuchElementException));
            return wait.Until(condition)!;
        }
        catch (WebDriverTimeoutException)
        {
            Screenshot("timeout");
            throw new Xunit.Sdk.XunitException($"Timed out waiting until {what}. At {Driver.Url}: {Driver.FindElement(By.TagName("body")).Text}");
        }
    }

    public void UntilPath(string path) => Until(d => new Uri(d.Url).AbsolutePath == path, $"the browser is at {path}");

    /// <summary>
    /// Waits for the page itself, not only its address: enhanced navigation changes the address first and the
    /// content a moment later.
    /// </summary>
    public void Arrive(string path, string heading) => Until(d =>
    {
        try
        {
            return new Uri(d.Url).AbsolutePath == path && d.FindElements(By.CssSelector("main h1")).FirstOrDefault()?.Text == heading;
        }
        catch (StaleElementReferenceException)
        {
            return false;
        }
    }, $"the page '{heading}' is shown at {path}");

    /// <summary>The page as the person sees it (a screenshot) and as a screen reader meets it (axe-core).</summary>
    public void Check(string page)
    {
        Screenshot(page);
        if (JavaScript)
        {
            Axe.AssertNoSeriousViolations(Driver, $"{prefix}-{page}", Artifacts);
        }
    }

    public void Screenshot(string name) =>
        Driver.GetScreenshot().SaveAsFile(System.IO.Path.Combine(Artifacts, $"{prefix}-{++shot:00}-{name}.png"));

    /// <summary>Presses Tab until the focused element matches; fails if it is not reachable within <paramref name="presses"/>.</summary>
    public IWebElement TabTo(string css, int presses = 40)
    {
        for (var i = 0; i < presses; i++)
        {
            new OpenQA.Selenium.Interactions.Actions(Driver).SendKeys(Keys.Tab).Perform();
            var focused = Driver.SwitchTo().ActiveElement();
            if (Driver.FindElements(By.CssSelector(css)).Any(e => e.Equals(focused)))
            {
                return focused;
            }
        }

        throw new Xunit.Sdk.XunitException($"'{css}' is not reachable with the Tab key from where the focus was ({presses} presses).");
    }

    public void Type(string text) => new OpenQA.Selenium.Interactions.Actions(Driver).SendKeys(text).Perform();

    public void Press(string key) => new OpenQA.Selenium.Interactions.Actions(Driver).SendKeys(key).Perform();

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
        try
        {
            Directory.Delete(userData, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be writing its profile as it exits; the temp folder is cleaned by the system.
        }
    }
}
