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
            // A full page load replaces the document under a condition that was reading it: read again. Chromium may
            // report that race as an inspector error ("Node with given id does not belong to the document").
            wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException), typeof(NoSuchElementException), typeof(UnknownErrorException));
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

    /// <summary>Screenshots show the whole page, not only the window (the window grows for the shot, up to 5000 pixels).</summary>
    public bool FullPage { get; init; }

    public void Screenshot(string name)
    {
        var path = System.IO.Path.Combine(Artifacts, $"{prefix}-{++shot:00}-{name}.png");
        if (!FullPage)
        {
            Driver.GetScreenshot().SaveAsFile(path);
            return;
        }

        var window = Driver.Manage().Window;
        var size = window.Size;
        var height = Convert.ToInt32(Driver.ExecuteScript("return document.documentElement.scrollHeight"), System.Globalization.CultureInfo.InvariantCulture);
        window.Size = new System.Drawing.Size(size.Width, Math.Clamp(height + (size.Height - Convert.ToInt32(Driver.ExecuteScript("return window.innerHeight"), System.Globalization.CultureInfo.InvariantCulture)), size.Height, 5000));
        Driver.GetScreenshot().SaveAsFile(path);
        window.Size = size;
    }

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

    /// <summary>
    /// Clicks after scrolling the element to the middle at once: Bootstrap's smooth scrolling would otherwise still be
    /// moving the page when the click lands, and another element would take it.
    /// </summary>
    public void Click(IWebElement element)
    {
        Driver.ExecuteScript("arguments[0].scrollIntoView({ block: 'center', behavior: 'instant' })", element);
        element.Click();
    }

    public void Click(string css) => Click(Find(css));

    /// <summary>Picks an option of a select by its value, as a click on it would.</summary>
    public void Choose(string selectCss, string value) => Find($"{selectCss} option[value='{value}']").Click();

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
