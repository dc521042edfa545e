using System.Net;
using System.Text.RegularExpressions;

namespace CaseFlow.Tests.Indicators;

/// <summary>The indicator pages, the public times page and the evaluation in English (the language switch).</summary>
public sealed partial class IndicatorExactnessTests
{
    [Fact]
    public async Task Every_text_of_the_indicator_pages_the_public_times_page_and_the_evaluation_has_its_English()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "CaseFlow.sln")))
        {
            root = root.Parent;
        }

        var web = Path.Combine(root!.FullName, "src", "Web");
        var english = Regex.Matches(await File.ReadAllTextAsync(Path.Combine(web, "Resources", "Strings.en.resx")), "<data name=\"([^\"]*)\"")
            .Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToHashSet();
        var pages = new[] { "Indicators", "Transparency", Path.Combine("Citizens", "Evaluation") }
            .SelectMany(folder => Directory.GetFiles(Path.Combine(web, folder), "*.razor")).ToList();
        var keys = pages.SelectMany(page => Regex.Matches(File.ReadAllText(page), "T\\[\"((?:[^\"\\\\]|\\\\.)*)\"").Select(m => m.Groups[1].Value)).Distinct().ToList();
        Assert.True(keys.Count > 100, $"only {keys.Count} texts found");
        // The evaluation's answers and the channels' names are looked up by value.
        keys.AddRange(CaseFlow.Cases.Satisfaction.ServiceEvaluations.Aspects.Select(a => a.Label));
        keys.AddRange(CaseFlow.Cases.Indicators.IndicatorTables.ChannelNames.Values);
        var missing = keys.Where(k => !english.Contains(k)).ToList();
        Assert.True(missing.Count == 0, "no English for: " + string.Join(" | ", missing));
    }

    [Fact]
    public async Task The_supervisors_indicators_and_the_public_times_page_read_in_English_after_the_switch()
    {
        var browser = await SupervisorPagesAsync();
        var token = await browser.TokenFromAsync("/supervisione/indicatori");
        await browser.PostAsync("/lingua", ("__RequestVerificationToken", token), ("culture", "en"), ("returnUrl", "/supervisione/indicatori"));

        var page = WebUtility.HtmlDecode(await browser.Client.GetStringAsync("/supervisione/indicatori?dal=2026-11-01&al=2027-02-28"));
        Assert.Contains("<html lang=\"en\"", page);
        Assert.Contains("Desk indicators", page);
        Assert.Contains("Satisfaction per channel and per procedure", page);
        Assert.Contains("Channel: Front desk", page);
        Assert.DoesNotContain("Soddisfazione per canale", page);
        var times = WebUtility.HtmlDecode(await browser.Client.GetStringAsync("/trasparenza/tempi-procedimentali?semestre=2027-1"));
        Assert.Contains("Monitoring of procedure times", times);
        Assert.Contains("How to read them", times);
        Assert.DoesNotContain("Come si leggono", times);
    }
}
