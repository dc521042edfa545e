using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CaseFlow.Tests.Web;
using CaseFlow.Web.Indicators;

namespace CaseFlow.Tests.Indicators;

/// <summary>The API, the supervisors' page and the public page show the same numbers for the same filters.</summary>
public sealed partial class IndicatorExactnessTests
{
    private static string Cell(string html, string id)
    {
        var match = Regex.Match(html, $"id=\"{id}\"[^>]*>([^<]*)<");
        Assert.True(match.Success, $"no #{id} in the page");
        return WebUtility.HtmlDecode(match.Groups[1].Value).Trim();
    }

    private static List<string> Row(string html, string table, string procedure)
    {
        var tableHtml = Regex.Match(html, $"<table[^>]*id=\"{table}\".*?</table>", RegexOptions.Singleline).Value;
        var row = Regex.Match(tableHtml, $"<tr data-procedure=\"{procedure}\">(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, $"no row {procedure} in #{table}");
        return [.. Regex.Matches(row.Groups[1].Value, "<t[hd][^>]*>(.*?)</t[hd]>", RegexOptions.Singleline)
            .Select(m => WebUtility.HtmlDecode(Regex.Replace(m.Groups[1].Value, "<[^>]+>", "")).Trim())];
    }

    private async Task<WebForms> SupervisorPagesAsync()
    {
        var browser = WebForms.For(scenario.Host.App);
        var signedIn = await browser.SignInAsync(IndicatorScenario.SupervisorName, IndicatorScenario.SupervisorPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return browser;
    }

    [Theory]
    [InlineData("from=2026-11-01&to=2027-02-28", "dal=2026-11-01&al=2027-02-28")]
    [InlineData("from=2026-12-15&to=2027-02-10&channel=pec", "dal=2026-12-15&al=2027-02-10&canale=pec")]
    [InlineData("from=2027-01-01&to=2027-06-30&procedure=mensa-scolastica", "dal=2027-01-01&al=2027-06-30&procedimento=mensa-scolastica")]
    public async Task The_supervisors_page_shows_the_numbers_of_the_api_for_the_same_filters(string api, string page)
    {
        var report = await IndicatorsAsync(api);
        var html = await (await SupervisorPagesAsync()).Client.GetStringAsync($"/supervisione/indicatori?{page}");
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("it-IT");
        try
        {
            var times = report["times"]!;
            Assert.Equal(IndicatorFormat.Count(report["deskShare"]!["total"]!.GetValue<long>()), Cell(html, "sum-received"));
            Assert.Equal(IndicatorFormat.Pct(Number(report["deskShare"]!["ratio"])), Cell(html, "sum-desk-share"));
            Assert.Equal(IndicatorFormat.Count(times["concluded"]!.GetValue<long>()), Cell(html, "sum-concluded"));
            Assert.Equal($"{IndicatorFormat.Count(times["withinTerm"]!.GetValue<long>())} ({IndicatorFormat.Pct(Number(times["withinTermRatio"]))})", Cell(html, "sum-within"));
            Assert.Equal(IndicatorFormat.Days(Number(times["medianNetDays"])), Cell(html, "sum-median-net"));
            Assert.Equal(IndicatorFormat.Days(Number(times["p90NetDays"])), Cell(html, "sum-p90-net"));
            Assert.Equal(IndicatorFormat.Days(Number(times["medianGrossDays"])), Cell(html, "sum-median-gross"));
            Assert.Equal($"{IndicatorFormat.Count(times["late"]!.GetValue<long>())}; {IndicatorFormat.Days(Number(times["averageDelay"]))}", Cell(html, "sum-late"));
            Assert.Equal(IndicatorFormat.Count(times["silenceAssent"]!.GetValue<long>()), Cell(html, "sum-silence"));
            Assert.Equal($"{IndicatorFormat.Days(Number(report["satisfaction"]!["mean"]))}; {IndicatorFormat.Count(report["satisfaction"]!["answers"]!.GetValue<long>())}",
                Cell(html, "sum-satisfaction"));
            foreach (var p in report["byProcedure"]!.AsArray())
            {
                var row = Row(html, "by-procedure", p!["procedure"]!.GetValue<string>());
                Assert.Equal([p["name"]!.GetValue<string>(), IndicatorFormat.Count(p["deskShare"]!["total"]!.GetValue<long>()), IndicatorFormat.Pct(Number(p["deskShare"]!["ratio"])),
                    IndicatorFormat.Count(p["times"]!["concluded"]!.GetValue<long>()), IndicatorFormat.Pct(Number(p["times"]!["withinTermRatio"])),
                    IndicatorFormat.Days(Number(p["times"]!["medianNetDays"])), IndicatorFormat.Count(p["times"]!["late"]!.GetValue<long>()),
                    IndicatorFormat.Count(p["times"]!["silenceAssent"]!.GetValue<long>()), IndicatorFormat.Count(p["open"]!.GetValue<long>())], row);
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public async Task The_public_page_and_its_open_data_show_the_apis_half_year_numbers_and_hide_groups_under_five()
    {
        var report = await IndicatorsAsync("from=2027-01-01&to=2027-06-30");
        using var anonymous = scenario.Host.App.CreateClient();
        var html = await anonymous.GetStringAsync("/trasparenza/tempi-procedimentali?semestre=2027-1");
        var json = (await anonymous.GetFromJsonAsync<JsonObject>("/trasparenza/tempi-procedimentali.json?semestre=2027-1"))!;
        var csv = System.Text.Encoding.UTF8.GetString(await anonymous.GetByteArrayAsync("/trasparenza/tempi-procedimentali.csv?semestre=2027-1"));
        var mensa = report["byProcedure"]!.AsArray().Single(p => p!["procedure"]!.GetValue<string>() == "mensa-scolastica")!["times"]!;

        // Five school-meal procedures: shown. 17 / 5 = 3.4 days on average, median 3, all within the term.
        Assert.Equal((5L, 3.4, 3.0, 1.0), (mensa["concluded"]!.GetValue<long>(), Number(mensa["meanNetDays"])!.Value, Number(mensa["medianNetDays"])!.Value,
            Number(mensa["withinTermRatio"])!.Value));
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("it-IT");
        try
        {
            Assert.Equal(["Iscrizione al servizio di mensa scolastica", "30 giorni", "5", IndicatorFormat.Days(3.4), IndicatorFormat.Days(3), IndicatorFormat.Pct(1), "0"],
                Row(html, "public-times", "mensa-scolastica"));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        // E alone for the elderly allowance, C alone for the interrupting one, D by silence-assent: "< 5", no averages.
        var anziani = Row(html, "public-times", "contributo-anziani");
        Assert.Equal(["< 5", "—", "—", "—"], anziani[2..6]);
        Assert.Equal(["0", "—", "—", "—", "< 5"], Row(html, "public-times", "cambio-residenza")[2..]);
        var jsonRow = json["rows"]!.AsArray().Single(r => r!["procedure"]!.GetValue<string>() == "mensa-scolastica")!;
        Assert.Equal(("5", 3.4, 3.0, 1.0), (jsonRow["concluded"]!.GetValue<string>(), jsonRow["meanNetDays"]!.GetValue<double>(), jsonRow["medianNetDays"]!.GetValue<double>(),
            jsonRow["withinTermRatio"]!.GetValue<double>()));
        Assert.Equal("< 5", json["rows"]!.AsArray().Single(r => r!["procedure"]!.GetValue<string>() == "contributo-anziani")!["concluded"]!.GetValue<string>());
        Assert.Null(json["rows"]!.AsArray().Single(r => r!["procedure"]!.GetValue<string>() == "contributo-anziani")!["meanNetDays"]);
        Assert.Contains("\r\nmensa-scolastica;Iscrizione al servizio di mensa scolastica;P30D;2027-1;5;3,4;3;1;0\r\n", csv);
        Assert.Contains("\r\ncontributo-anziani;Contributo economico per anziani;P60D;2027-1;< 5;;;;0\r\n", csv);
        Assert.DoesNotContain("RSSMRA80A01F205X", html + json.ToJsonString() + csv);
    }

    [Fact]
    public async Task The_network_file_has_counts_and_percentages_only_one_file_per_half_year()
    {
        var supervisor = await scenario.Host.Desk.Supervisor;
        var response = await supervisor.GetAsync("/api/indicators/network?semestre=2027-1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("rete-comune-limbiate-2027-1.json", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var file = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("caseflow-rete-indicatori/1", file["schema"]!.GetValue<string>());
        // 2027 H1: received G and M1–M5 (6, online); concluded C (late), E (late), M1–M5 (within): 7, 5 within = 71.4%.
        var total = file["total"]!;
        Assert.Equal((6L, 0L, 0.0, 100.0), (total["received"]!.GetValue<long>(), total["receivedAtDesk"]!.GetValue<long>(), total["deskSharePct"]!.GetValue<double>(),
            total["channelsPct"]!["online"]!.GetValue<double>()));
        Assert.Equal((7L, 71.4, 28.6, 1L, 1L), (total["concluded"]!.GetValue<long>(), total["withinTermPct"]!.GetValue<double>(), total["latePct"]!.GetValue<double>(),
            total["silenceAssent"]!.GetValue<long>(), total["substitute"]!.GetValue<long>()));
        Assert.DoesNotContain("RSSMRA80A01F205X", file.ToJsonString());
        Assert.DoesNotContain("Rossi", file.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.GetAsync("/api/indicators/network")).StatusCode);
        var csv = await supervisor.GetAsync("/api/indicators/network?semestre=2027-1&format=csv");
        Assert.Equal("rete-comune-limbiate-2027-1.csv", csv.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }
}
