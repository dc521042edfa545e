using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace CaseFlow.Tests.Studio;

/// <summary>
/// Debian's headless Chromium driven through Debian's chromedriver, never a downloaded browser or driver.
/// Missing either one fails the test with the command that installs it: a browser suite must not pass by skipping.
/// </summary>
public static class Chromium
{
    private static readonly string[] Browsers = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium"];
    private static readonly string[] Drivers = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"];

    /// <param name="javaScript">False starts a browser with JavaScript blocked, for pages that must work without it.</param>
    public static ChromeDriver Start(string userDataDirectory, bool javaScript = true)
    {
        var browser = Browsers.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("Chromium is not installed: apt-get update && apt-get install -y chromium chromium-driver");
        var driver = Drivers.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("chromedriver is not installed: apt-get update && apt-get install -y chromium-driver");

        var options = new ChromeOptions { BinaryLocation = browser };
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1600,1000",
            $"--user-data-dir={userDataDirectory}");
        if (!javaScript)
        {
            options.AddUserProfilePreference("profile.managed_default_content_settings.javascript", 2);
        }

        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(driver)!, Path.GetFileName(driver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var chrome = new ChromeDriver(service, options, TimeSpan.FromSeconds(120));
        return chrome;
    }

    /// <summary>tests/CaseFlow.Tests/artifacts/&lt;name&gt; (git-ignored), emptied, where each step's screenshot goes.</summary>
    public static string ArtifactsFolder(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CaseFlow.Tests.csproj")))
        {
            directory = directory.Parent;
        }

        var folder = Path.Combine(directory?.FullName ?? AppContext.BaseDirectory, "artifacts", name);
        Directory.CreateDirectory(folder);
        // Only this run's screenshots: a stale one from an earlier run would tell a false story.
        foreach (var old in Directory.GetFiles(folder, "*.png"))
        {
            File.Delete(old);
        }

        return folder;
    }

    /// <summary>
    /// HTML5 drag and drop from the Studio's toolbox onto the canvas. WebDriver's Actions cannot start a native drag
    /// in Chromium, and the Studio only listens to the DOM events (Blazor's ondragstart/ondrop), so they are dispatched.
    /// </summary>
    public static void DragToCanvas(IWebDriver driver, IWebElement toolboxItem, IWebElement canvas, int clientX, int clientY) =>
        ((IJavaScriptExecutor)driver).ExecuteScript("""
            const [item, canvas, x, y] = arguments;
            const data = new DataTransfer();
            const fire = (target, type, extra) => target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data, ...extra }));
            // Blazor WebAssembly runs the .NET handler inside dispatchEvent, so the dragged activity is recorded on return.
            fire(item, 'dragstart', {});
            fire(canvas, 'dragover', { clientX: x, clientY: y });
            fire(canvas, 'drop', { clientX: x, clientY: y });
            fire(item, 'dragend', {});
            """, toolboxItem, canvas, clientX, clientY);
}
