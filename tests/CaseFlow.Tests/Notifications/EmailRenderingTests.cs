using CaseFlow.Notifications;
using CaseFlow.Notifications.Templates;
using CaseFlow.Tests.Studio;
using Microsoft.Extensions.Options;
using OpenQA.Selenium;

namespace CaseFlow.Tests.Notifications;

/// <summary>
/// What the citizen sees: every citizen message's HTML part opened in Chromium at a phone's width. Screenshots go to
/// tests/CaseFlow.Tests/artifacts/emails for a person to look at.
/// </summary>
public class EmailRenderingTests
{
    [Fact]
    public void Every_citizen_message_reads_on_a_phone_without_sideways_scrolling_with_a_visible_heading_and_named_links()
    {
        var renderer = new TemplateRenderer(Options.Create(new NotificationsOptions()));
        var folder = Chromium.ArtifactsFolder("emails");
        var pages = Path.Combine(Path.GetTempPath(), $"caseflow-emails-{Guid.NewGuid():N}");
        Directory.CreateDirectory(pages);
        using var chrome = Chromium.Start(Path.Combine(pages, "profile"));
        try
        {
            chrome.Manage().Window.Size = new System.Drawing.Size(390, 844);
            var problems = new List<string>();
            foreach (var template in SampleModels.CitizenTemplates)
            {
                foreach (var language in TemplateRenderer.Languages)
                {
                    var file = Path.Combine(pages, $"{template}.{language}.html");
                    File.WriteAllText(file, renderer.Render(template, language, SampleModels.For(template)).Html);
                    chrome.Navigate().GoToUrl(new Uri(file).AbsoluteUri);
                    var js = (IJavaScriptExecutor)chrome;
                    var overflow = Convert.ToInt64(js.ExecuteScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;"),
                        System.Globalization.CultureInfo.InvariantCulture);
                    var heading = chrome.FindElements(By.TagName("h1"));
                    var unnamed = chrome.FindElements(By.TagName("a")).Count(a => string.IsNullOrWhiteSpace(a.Text));
                    if (overflow > 0 || heading.Count != 1 || !heading[0].Displayed || unnamed > 0)
                    {
                        problems.Add($"{template}.{language}: overflow {overflow}px, {heading.Count} h1, {unnamed} links without text");
                    }

                    chrome.GetScreenshot().SaveAsFile(Path.Combine(folder, $"{template}-{language}.png"));
                }
            }

            Assert.Empty(problems);
        }
        finally
        {
            chrome.Quit();
            Directory.Delete(pages, recursive: true);
        }
    }
}
