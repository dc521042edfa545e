using OpenQA.Selenium;

namespace CaseFlow.Tests.Web.Pages;

/// <summary>The front desk's procedure catalogue and information sheets.</summary>
public sealed class CataloguePage(OperatorBrowser browser)
{
    public IReadOnlyList<string> Titles => [.. browser.FindAll("main .card-title a").Select(a => a.Text)];

    public string ResultCount => browser.Find("#result-count").Text;

    public void Search(string words)
    {
        var box = browser.Find("#search");
        box.Clear();
        box.SendKeys(words);
        box.SendKeys(Keys.Enter);
    }

    public void Open(string title) => browser.Driver.FindElement(By.LinkText(title)).Click();

    /// <summary>The sheet's rows, term → value, as the definition list shows them.</summary>
    public IReadOnlyDictionary<string, string> Sheet()
    {
        var terms = browser.FindAll(".cf-sheet dt").Select(e => e.Text).ToList();
        var values = browser.FindAll(".cf-sheet dd").Select(e => e.Text).ToList();
        return terms.Zip(values).ToDictionary(p => p.First, p => p.Second);
    }
}

/// <summary>An office's queue at /ufficio.</summary>
public sealed class QueueScreen(OperatorBrowser browser)
{
    public sealed record Row(string Title, string Procedure, string Protocol, string Due, string ClaimedBy);

    public IReadOnlyList<Row> Rows => [.. browser.FindAll("#queue tbody tr").Select(tr =>
    {
        var cells = tr.FindElements(By.CssSelector("th, td")).Select(c => c.Text).ToList();
        return new Row(cells[0], cells[1], cells[2], cells[3], cells[4]);
    })];

    public string Office => browser.Find("#office-name").Text;

    public bool Empty => browser.FindAll("#queue-empty").Count > 0;

    /// <summary>Opens the task of the row with this protocol number and title, by its link, with the keyboard.</summary>
    public void Open(string protocol, string title)
    {
        var row = browser.FindAll("#queue tbody tr").Single(tr =>
            tr.FindElements(By.CssSelector("td"))[1].Text == protocol && tr.FindElement(By.CssSelector("th")).Text == title);
        row.FindElement(By.CssSelector("th a")).SendKeys(Keys.Enter);
    }
}
