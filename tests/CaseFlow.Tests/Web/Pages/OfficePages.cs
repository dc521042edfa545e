using OpenQA.Selenium;

namespace CaseFlow.Tests.Web.Pages;

/// <summary>An office task at /ufficio/attivita/{id}: claim, outcomes, hand-off, and the case beside it.</summary>
public sealed class TaskScreen(OperatorBrowser browser)
{
    public string ClaimedBy => browser.Find("#claimed-by").Text;

    public IReadOnlyList<string> Outcomes => [.. browser.FindAll("button.cf-outcome").Select(b => b.Text.Split('\n')[0].Trim())];

    public bool AsksConfirmation(string outcome) => Outcome(outcome).GetAttribute("data-confirm") == "true";

    public IWebElement Outcome(string outcome) => browser.FindAll("button.cf-outcome").Single(b => b.GetAttribute("value") == outcome);

    public void Take(string outcome) => browser.Click(Outcome(outcome));

    public bool DialogOpen => browser.FindAll("#outcome-dialog[open]").Count > 0;

    public IReadOnlyDictionary<string, string> Sheet() => Pairs("#procedure-sheet");

    public IReadOnlyDictionary<string, string> Citizen() => Pairs("#citizen");

    public IReadOnlyList<string> Documents => [.. browser.FindAll("#documents tbody th a").Select(a => a.Text)];

    public string DocumentLink => browser.Find("#documents tbody th a").GetAttribute("href")!;

    public string Instructions => browser.Find("#instructions").Text;

    public string? FieldError(string field) => browser.FindAll($"#{field}-error").FirstOrDefault()?.Text;

    public void Note(string text)
    {
        var note = browser.Find("#note");
        note.Clear();
        note.SendKeys(text);
    }

    public void HandOff(string? officeValue, string reason)
    {
        if (officeValue is not null)
        {
            browser.Choose("#office", officeValue);
        }

        browser.Find("#reason").SendKeys(reason);
        browser.Click("#handoff");
    }

    private IReadOnlyDictionary<string, string> Pairs(string css)
    {
        var terms = browser.FindAll($"{css} dt").Select(e => e.Text).ToList();
        var values = browser.FindAll($"{css} dd").Select(e => e.Text).ToList();
        return terms.Zip(values).ToDictionary(p => p.First, p => p.Second);
    }
}

/// <summary>The supervisors' pages: workload, scadenziario, messages.</summary>
public sealed class SupervisionScreen(OperatorBrowser browser)
{
    public IReadOnlyList<string> Tabs => [.. browser.FindAll(".cf-tabs a").Select(a => a.Text)];

    /// <summary>The workload row of an office: open, overdue, due soon, unclaimed.</summary>
    public (string Open, string Overdue, string DueSoon, string Unclaimed) Load(string officeName)
    {
        var row = browser.FindAll("#workload tbody tr").Single(tr => tr.FindElement(By.TagName("th")).Text == officeName);
        var cells = row.FindElements(By.TagName("td")).Select(c => c.Text).ToList();
        return (cells[1], cells[2], cells[3], cells[4]);
    }

    public string MonthTitle => browser.Find("#month-title").Text;

    public IWebElement Day(DateOnly date) => browser.Find($"#month td[data-date='{date:yyyy-MM-dd}']");

    public IReadOnlyList<string> DueDateRows => [.. browser.FindAll("#due-dates tbody tr").Select(tr => tr.Text)];

    public IReadOnlyList<IWebElement> MessageRows(string status) => [.. browser.FindAll($"#messages-{status} tbody tr")];
}
