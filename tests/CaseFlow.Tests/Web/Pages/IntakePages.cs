using System.Net;
using OpenQA.Selenium;

namespace CaseFlow.Tests.Web.Pages;

/// <summary>/sportello/cittadino: the citizen found by codice fiscale, with their cases.</summary>
public sealed class CitizenSearchScreen(OperatorBrowser browser)
{
    public void Search(string fiscalCode)
    {
        var box = browser.Find("#fiscalCode");
        box.Clear();
        box.SendKeys(fiscalCode);
        box.SendKeys(Keys.Enter);
    }

    public string? Error => browser.FindAll("#fiscalCode-error").FirstOrDefault()?.Text;

    public bool NoCases => browser.FindAll("#no-cases").Count == 1;

    public IReadOnlyList<string> CaseProtocols => [.. browser.FindAll("#citizen-cases tbody th").Select(th => th.Text)];

    public void StartNewCase() => browser.Find("#new-case-for-citizen button").Click();
}

/// <summary>/sportello/nuova-pratica: the citizen, the procedures with their own forms, the documents.</summary>
public sealed class IntakeScreen(OperatorBrowser browser)
{
    public void Citizen(string field, string value) => Type($"#citizen-{field}", value);

    public string CitizenValue(string field) => browser.Find($"#citizen-{field}").GetAttribute("value") ?? "";

    public void Choose(params string[] procedureIds)
    {
        foreach (var id in procedureIds)
        {
            var box = browser.Find($"#proc-{id}");
            if (!box.Selected)
            {
                Click(box);
            }
        }
    }

    public void ShowForms() => Click(browser.Find("#show-forms"));

    /// <summary>The headings of the procedures' forms now on the page.</summary>
    public IReadOnlyList<string> Forms => [.. browser.FindAll(".cf-procedure-form h2").Select(h => h.Text)];

    /// <summary>Fills field <paramref name="name"/> of the <paramref name="index"/>th form as a person would, whatever its kind.</summary>
    public void Field(int index, string name, string value)
    {
        var id = $"p{index}-{name}";
        var element = browser.Find($"#{id}");
        switch (element.TagName, element.GetAttribute("type"))
        {
            case ("select", _):
                element.FindElement(By.CssSelector($"option[value='{value}']")).Click();
                break;
            case ("fieldset", _):
                Click(browser.Find($"#{id} input[value='{value}']"));
                break;
            case ("input", "checkbox"):
                if (element.Selected != (value == "true"))
                {
                    Click(element);
                }

                break;
            case ("input", "date"):
                // The date picker's typing order follows the browser's locale, not the page's: set the ISO value it posts.
                ((IJavaScriptExecutor)browser.Driver).ExecuteScript("arguments[0].value = arguments[1];", element, value);
                break;
            default:
                Type($"#{id}", value);
                break;
        }
    }

    public string FieldValue(int index, string name) => browser.Find($"#p{index}-{name}").GetAttribute("value") ?? "";

    public string? FieldError(string id) => browser.FindAll($"#{id}-error").FirstOrDefault()?.Text;

    public string? Summary => browser.FindAll("#error-summary").FirstOrDefault()?.Text;

    public void Attach(string path) => browser.Find("#files").SendKeys(path);

    public IReadOnlyList<string> Uploaded => [.. browser.FindAll("#uploaded-documents li .fw-semibold").Select(e => e.Text)];

    public void Start() => Click(browser.Find("#start-case"));

    private void Type(string css, string value)
    {
        var element = browser.Find(css);
        element.Clear();
        element.SendKeys(value);
    }

    // From the keyboard, as the desk must be usable: Space ticks a box or a radio, Enter presses a button.
    private static void Click(IWebElement element) =>
        element.SendKeys(element.TagName == "input" && element.GetAttribute("type") is "checkbox" or "radio" ? Keys.Space : Keys.Enter);

    /// <summary>The position of a procedure's form on the page (forms follow the catalogue's order).</summary>
    public int IndexOf(string procedureId) =>
        browser.FindAll(".cf-procedure-form").Select((form, i) => (form.GetAttribute("data-procedure"), i)).Single(f => f.Item1 == procedureId).i;
}

/// <summary>/sportello/pratiche/{id}: the case page.</summary>
public sealed class CaseScreen(OperatorBrowser browser)
{
    public sealed record ProcedureCard(string Title, string Protocol, string Text);

    public bool StartedNotice => browser.FindAll("#case-started").Count == 1;

    public string TrackingCode => browser.Find("#tracking-code").Text;

    public IReadOnlyList<ProcedureCard> Procedures => [.. browser.FindAll(".cf-case-procedure").Select(card => new ProcedureCard(
        card.FindElement(By.CssSelector("h3")).Text,
        card.FindElements(By.CssSelector("dd.font-monospace")).First().Text,
        card.Text))];

    public IReadOnlyList<string> Documents => [.. browser.FindAll("#case-documents tbody th").Select(th => th.Text)];

    public IReadOnlyList<string> ProtocolEntries => [.. browser.FindAll("#case-protocol tbody th").Select(th => th.Text)];

    public IReadOnlyList<string> Messages => [.. browser.FindAll("#case-messages tbody tr").Select(tr => tr.Text)];

    public string ReceiptHref => browser.Find("#receipt-download").GetAttribute("href")!;

    /// <summary>Downloads a link of the page with the browser's own session cookie, as its download would.</summary>
    public async Task<(HttpStatusCode Status, string? ContentType, byte[] Body)> DownloadAsync(string href)
    {
        var cookies = new CookieContainer();
        var uri = new Uri(href);
        foreach (var cookie in browser.Driver.Manage().Cookies.AllCookies)
        {
            cookies.Add(uri, new System.Net.Cookie(cookie.Name, cookie.Value, "/"));
        }

        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var client = new HttpClient(handler);
        using var response = await client.GetAsync(uri);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsByteArrayAsync());
    }
}
