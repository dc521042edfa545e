using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace CaseFlow.Tests.Clock;

public class CalendarTests
{
    [Fact]
    public async Task The_calendar_counts_open_due_dates_per_office_day_and_week_and_officers_see_only_their_offices()
    {
        await using var host = await ClockHost.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            await host.Desk.StartAsync(Cases.CaseDesk.Application("cambio-residenza"));
        }

        var expected = await host.Desk.ScalarAsync<long>("SELECT count(*) FROM deadlines WHERE action = 'escalation' AND office = 'comune-anagrafe'");
        var view = await (await host.Desk.Supervisor).GetFromJsonAsync<JsonObject>("/api/calendar?office=comune-anagrafe&from=2026-11-23&to=2027-02-28");
        var office = Assert.Single(view!["offices"]!.AsArray())!;
        Assert.Equal(expected, office["days"]!.AsArray().Sum(d => d!["count"]!.GetValue<int>()));
        Assert.Equal(expected, office["weeks"]!.AsArray().Sum(w => w!["count"]!.GetValue<int>()));
        Assert.Equal(6, expected); // a step and a procedure per case
        Assert.All(office["days"]!.AsArray(), d => Assert.True(d!["peak"]!.GetValue<bool>())); // two busy days among many empty ones

        var stranger = await host.Desk.Officer("comune-protocollo");
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync("/api/calendar?office=comune-anagrafe")).StatusCode);
        var own = await stranger.GetFromJsonAsync<JsonObject>("/api/calendar?from=2026-11-23&to=2027-02-28");
        Assert.Equal("comune-protocollo", Assert.Single(own!["offices"]!.AsArray())!["office"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await host.Desk.FrontDesk).GetAsync("/api/calendar")).StatusCode);
    }

    [Fact]
    public async Task The_ics_feed_has_crlf_lines_folded_at_75_octets_and_a_stable_uid_per_deadline()
    {
        await using var host = await ClockHost.StartAsync();
        await host.Desk.StartAsync(Cases.CaseDesk.Application("cambio-residenza"));
        await host.Desk.StartAsync(Cases.CaseDesk.Application("cambio-residenza"));
        var officer = await host.Desk.Officer("comune-anagrafe");

        var response = await officer.GetAsync("/api/calendar/comune-anagrafe.ics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        var feed = await response.Content.ReadAsStringAsync();

        Assert.StartsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:", feed);
        Assert.EndsWith("END:VCALENDAR\r\n", feed);
        Assert.DoesNotContain("\n", feed.Replace("\r\n", "", StringComparison.Ordinal));
        var lines = feed.Split("\r\n")[..^1];
        Assert.All(lines, l => Assert.True(Encoding.UTF8.GetByteCount(l) <= 75, l));
        var unfolded = feed.Replace("\r\n ", "", StringComparison.Ordinal).Split("\r\n");
        var uids = unfolded.Where(l => l.StartsWith("UID:", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, uids.Count);
        Assert.Equal(uids.Count, uids.Distinct().Count());
        Assert.Equal(4, unfolded.Count(l => l.StartsWith("DTSTART;VALUE=DATE:", StringComparison.Ordinal)));
        Assert.Equal(4, unfolded.Count(l => l.StartsWith("DTSTAMP:", StringComparison.Ordinal)));
        Assert.Contains(unfolded, l => l.StartsWith("SUMMARY:Termine del procedimento", StringComparison.Ordinal));

        var again = (await officer.GetStringAsync("/api/calendar/comune-anagrafe.ics")).Replace("\r\n ", "", StringComparison.Ordinal).Split("\r\n");
        Assert.Equal(uids, again.Where(l => l.StartsWith("UID:", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await host.Desk.Officer("comune-protocollo")).GetAsync("/api/calendar/comune-anagrafe.ics")).StatusCode);
    }
}
