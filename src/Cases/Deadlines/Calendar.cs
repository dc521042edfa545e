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

    /// <summary>A day is a peak above <c>Clock:PeakThreshold</c>, or above mean + 1 standard deviation of the days when that is 0 (the scadenziario and the indicators).</summary>
    internal static double PeakThreshold(IReadOnlyList<double> perDay, ClockOptions options)
    {
        if (options.PeakThreshold > 0 || perDay.Count == 0)
        {
            return options.PeakThreshold;
        }

        var mean = perDay.Average();
        return mean + Math.Sqrt(perDay.Average(c => (c - mean) * (c - mean)));
    }

    internal static DateOnly MondayOf(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    internal static string IsoWeek(DateOnly monday) =>
        $"{System.Globalization.ISOWeek.GetYear(monday.ToDateTime(TimeOnly.MinValue))}-W{System.Globalization.ISOWeek.GetWeekOfYear(monday.ToDateTime(TimeOnly.MinValue)):00}";
}
