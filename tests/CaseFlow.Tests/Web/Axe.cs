using System.Collections.Concurrent;
using System.Text.Json;
using OpenQA.Selenium;

namespace CaseFlow.Tests.Web;

/// <summary>
/// axe-core (npm, installed by the test build) injected into the page under test. WCAG 2.1 A and AA rules plus axe's
/// best practices; a serious or critical violation fails the test, every finding is written beside the screenshots.
/// </summary>
public static class Axe
{
    private static readonly Lazy<string> Script = new(() => File.ReadAllText(Locate()));

    /// <summary>Every finding of this test run, page by page, for the report in artifacts/web/axe-summary.txt.</summary>
    public static ConcurrentDictionary<string, IReadOnlyList<Finding>> Findings { get; } = new();

    public sealed record Finding(string Rule, string Impact, string Help, int Nodes, string FirstTarget);

    public static void AssertNoSeriousViolations(IWebDriver driver, string page, string artifacts)
    {
        var js = (IJavaScriptExecutor)driver;
        if (js.ExecuteScript("return typeof window.axe === 'undefined'") is true)
        {
            js.ExecuteScript(Script.Value);
        }

        var json = (string?)js.ExecuteAsyncScript("""
            const done = arguments[arguments.length - 1];
            axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
              .then(r => done(JSON.stringify(r.violations.map(v => ({ rule: v.id, impact: v.impact || 'minor', help: v.help,
                  nodes: v.nodes.length, first: (v.nodes[0] && v.nodes[0].target.join(' ')) || '' })))))
              .catch(e => done(JSON.stringify([{ rule: 'axe-error', impact: 'critical', help: String(e), nodes: 0, first: '' }])));
            """) ?? "[]";
        var findings = JsonSerializer.Deserialize<List<JsonElement>>(json)!
            .Select(v => new Finding(v.GetProperty("rule").GetString()!, v.GetProperty("impact").GetString()!, v.GetProperty("help").GetString()!,
                v.GetProperty("nodes").GetInt32(), v.GetProperty("first").GetString()!))
            .ToList();
        Findings[page] = findings;
        File.WriteAllText(Path.Combine(artifacts, $"axe-{page}.json"), JsonSerializer.Serialize(findings, new JsonSerializerOptions { WriteIndented = true }));
        File.WriteAllLines(Path.Combine(artifacts, "axe-summary.txt"), Findings.OrderBy(f => f.Key).Select(f =>
            $"{f.Key}: {(f.Value.Count == 0 ? "no violations" : string.Join("; ", f.Value.Select(v => $"{v.Impact} {v.Rule} ×{v.Nodes} ({v.FirstTarget})")))}"));
        var serious = findings.Where(f => f.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0,
            $"axe found serious or critical violations on '{page}': {string.Join("; ", serious.Select(v => $"{v.Impact} {v.Rule}: {v.Help} at {v.FirstTarget}"))}");
    }

    private static string Locate()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "Web", "Axe", "node_modules", "axe-core", "axe.min.js");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("axe-core is not installed: build the test project (it runs npm ci in tests/CaseFlow.Tests/Web/Axe).");
    }
}
