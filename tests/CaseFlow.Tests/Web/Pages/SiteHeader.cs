using OpenQA.Selenium;

namespace CaseFlow.Tests.Web.Pages;

/// <summary>The header every page shares: administration, who is signed in, language switch, sign-out, menu.</summary>
public sealed class SiteHeader(IWebDriver driver)
{
    public string Administration => driver.FindElement(By.Id("administration-name")).Text;

    public string Person => driver.FindElement(By.Id("signed-in-person")).Text;

    public bool SignedIn => driver.FindElements(By.Id("sign-out")).Count > 0;

    public IReadOnlyList<string> Menu => [.. driver.FindElements(By.CssSelector("header nav .cf-nav-link")).Select(a => a.Text)];

    public void SwitchLanguage() => driver.FindElement(By.Id("language-switch")).Click();

    public void SignOut() => driver.FindElement(By.Id("sign-out")).Click();
}
