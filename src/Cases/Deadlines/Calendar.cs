using CaseFlow.ServiceDefaults.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Cases.Deadlines;

public sealed record CalendarDay(DateOnly Date, int Count, bool Peak);

public sealed record CalendarWeek(string Week, DateOnly Monday, int Count);

public sealed record CalendarOffice(string Office, string Name, double Mean, double Threshold, IReadOnlyList<CalendarDay> Days, IReadOnlyList<CalendarWeek> Weeks,
    IReadOnlyList<PeakPeriod> PeakPeriods);

public sealed record CalendarView(DateOnly From, DateOnly To, IReadOnlyList<CalendarOffice> Offices);

/// <summary>
/// The HTTP edge of <see cref="DeadlineCalendar"/>: <c>GET /api/calendar?office=&amp;from=&amp;to=</c> counts the open due dates
/// per office, day and week, with peak days and the agency's known peak periods; <c>GET /api/calendar/{office}.ics</c>
/// is the same as an iCalendar feed.
/// </summary>
public static class Calendar
{
    public const string Policy = "clock.calendar";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/calendar", async (string? office, DateOnly? from, DateOnly? to, HttpContext http, DeadlineCalendar calendar, CancellationToken ct) =>
                (await calendar.ViewAsync(new CalendarQuery(office, from, to), http.User, ct)).ToHttp())
            .RequireAuthorization(Policy).WithTags("Scadenziario");

        app.MapGet("/api/calendar/{office}.ics", async (string office, HttpContext http, DeadlineCalendar calendar, CancellationToken ct) =>
                (await calendar.FeedAsync(office, http.User, ct)).ToHttp(feed => Results.Text(feed, "text/calendar; charset=utf-8")))
            .RequireAuthorization(Policy).WithTags("Scadenziario");
    }
}
