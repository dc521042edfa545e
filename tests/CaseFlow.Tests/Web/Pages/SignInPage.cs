using OpenQA.Selenium;

namespace CaseFlow.Tests.Web.Pages;

/// <summary>The sign-in form at /login, filled with the keyboard alone.</summary>
public sealed class SignInPage(OperatorBrowser browser)
{
    public void SignInWithKeyboard(string userName, string password)
    {
        browser.TabTo("#username");
        browser.Type(userName);
        browser.Press(Keys.Tab);
        browser.Type(password);
        browser.Press(Keys.Enter);
    }

    public string? FieldError(string field) =>
        browser.FindAll($"#{field}-error").FirstOrDefault()?.Text;

    public string? Summary => browser.FindAll("#error-summary").FirstOrDefault()?.Text;

    public string UserNameValue => browser.Find("#username").GetAttribute("value") ?? "";
}
