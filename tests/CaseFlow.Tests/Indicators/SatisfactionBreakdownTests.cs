using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CaseFlow.Web.Indicators;

namespace CaseFlow.Tests.Indicators;

/// <summary>Satisfaction per channel of receipt and per procedure: API, CSV and the supervisors' page agree.</summary>
public sealed partial class IndicatorExactnessTests
{
    [Fact]
    public async Task Satisfaction_is_broken_down_by_channel_of_receipt_and_by_procedure()
    {
        // B (online, cambio-residenza) 3; A (desk, contributo-anziani) 5; E (post, contributo-anziani) 4.
        var report = await IndicatorsAsync("from=2026-11-01&to=2027-02-28");
        var byChannel = report["satisfaction"]!["byChannel"]!.AsArray().ToDictionary(c => c!["channel"]!.GetValue<string>());
        Assert.Equal((1L, 5.0), (byChannel["desk"]!["answers"]!.GetValue<long>(), Number(byChannel["desk"]!["mean"])!.Value));
        Assert.Equal((1L, 3.0), (byChannel["online"]!["answers"]!.GetValue<long>(), Number(byChannel["online"]!["mean"])!.Value));
        Assert.Equal((1L, 4.0), (byChannel["post"]!["answers"]!.GetValue<long>(), Number(byChannel["post"]!["mean"])!.Value));
        Assert.Equal(1, byChannel["post"]!["distribution"]!["4"]!.GetValue<long>());
        Assert.Equal((0L, null), (byChannel["pec"]!["answers"]!.GetValue<long>(), Number(byChannel["pec"]!["mean"])));
        var anziani = report["byProcedure"]!.AsArray().Single(p => p!["procedure"]!.GetValue<string>() == "contributo-anziani")!["satisfaction"]!;
        Assert.Equal((2L, 4.5), (anziani["answers"]!.GetValue<long>(), Number(anziani["mean"])!.Value));

        // Filtered by channel, only that channel's answers remain.
        var post = await IndicatorsAsync("from=2026-11-01&to=2027-02-28&channel=post");
        Assert.Equal((1L, 4.0), (post["satisfaction"]!["answers"]!.GetValue<long>(), Number(post["satisfaction"]!["mean"])!.Value));
    }

    [Fact]
    public async Task The_satisfaction_detail_csv_and_page_show_the_apis_numbers()
    {
        var report = await IndicatorsAsync("from=2026-11-01&to=2027-02-28");
        var supervisor = await scenario.Host.Desk.Supervisor;
        var csv = System.Text.Encoding.UTF8.GetString(await (await supervisor.GetAsync(
            "/api/indicators?from=2026-11-01&to=2027-02-28&format=csv&table=soddisfazione-dettaglio")).Content.ReadAsByteArrayAsync());
        Assert.Contains("Per;Canale o procedimento;Nome;Risposte;Media;Voto 1;Voto 2;Voto 3;Voto 4;Voto 5\r\n", csv);
        Assert.Contains("\r\ncanale;desk;Sportello;1;5;0;0;0;0;1\r\n", csv);
        Assert.Contains("\r\ncanale;post;Posta;1;4;0;0;0;1;0\r\n", csv);
        Assert.Contains("\r\nprocedimento;contributo-anziani;Contributo economico per anziani;2;4,5;0;0;0;1;1\r\n", csv);

        var html = await (await SupervisorPagesAsync()).Client.GetStringAsync("/supervisione/indicatori?dal=2026-11-01&al=2027-02-28");
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("it-IT");
        try
        {
            foreach (var c in report["satisfaction"]!["byChannel"]!.AsArray())
            {
                Assert.Equal([IndicatorFormat.Count(c!["answers"]!.GetValue<long>()), IndicatorFormat.Days(Number(c["mean"]))],
                    SatisfactionRow(html, $"canale:{c["channel"]!.GetValue<string>()}"));
            }

            foreach (var p in report["byProcedure"]!.AsArray())
            {
                var s = p!["satisfaction"]!;
                Assert.Equal([IndicatorFormat.Count(s["answers"]!.GetValue<long>()), IndicatorFormat.Days(Number(s["mean"]))],
                    SatisfactionRow(html, $"procedimento:{p["procedure"]!.GetValue<string>()}"));
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        Assert.Contains("aria-labelledby=\"satisfaction-detail-chart-title", html);
    }

    private static List<string> SatisfactionRow(string html, string key)
    {
        var row = Regex.Match(html, $"<tr data-satisfaction=\"{Regex.Escape(key)}\">(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, $"no satisfaction row {key}");
        return [.. Regex.Matches(row.Groups[1].Value, "<td[^>]*>(.*?)</td>", RegexOptions.Singleline).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value).Trim())];
    }
}
