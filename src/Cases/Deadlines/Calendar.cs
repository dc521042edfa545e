using CaseFlow.ServiceDefaults.Http;
using System.Globalization;
using CaseFlow.ServiceDefaults.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CaseFlow.Cases.Deadlines;

public sealed record CalendarDay(DateOnly Date, int Count, bool Peak);

public sealed record CalendarWeek(string Week, DateOnly Monday, int Count);

public sealed record CalendarOffice(string Office, string Name, double Mean, double Threshold, IReadOnlyList<CalendarDay> Days, IReadOnlyList<CalendarWeek> Weeks,
    IReadOnlyList<PeakPeriod> PeakPeriods);

public sealed record CalendarView(DateOnly From, DateOnly To, IReadOnlyList<CalendarOffice> Offices);

/// <summary>
/// The scadenziario: <c>GET /api/calendar</c> counts the open due dates (steps and procedures) per office, day and
/// week, flags peak days, and shows the agency's known peak periods beside them; <c>GET /api/calendar/{office}.ics</c>
/// is the same as an iCalendar feed.
/// </summary>
public static class Calendar
{
    public const string Policy = "clock.calendar";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/calendar", async (string? office, DateOnly? from, DateOnly? to, HttpContext http, NpgsqlDataSource dataSource, IOfficeDirectory directory,
                IOptions<ClockOptions> options, TimeProvider clock, CancellationToken ct) =>
            {
                var start = from ?? RomeTime.DateOf(clock.GetUtcNow());
                var end = to ?? start.AddDays(60);
                if (end < start || end.DayNumber - start.DayNumber > 366)
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["to"] = ["'to' must follow 'from' by at most a year."] });
                }

                string[] offices;
                if (office is not null)
                {
                    if (!CaseAccess.WorksFor(http.User, office))
                    {
                        return Problems.Forbidden("office", $"Non si lavora per l'ufficio '{office}'. / You do not work for office '{office}'.");
                    }

                    offices = [office];
                }
                else
                {
                    offices = http.User.IsInRole(Roles.Supervisor) || http.User.IsInRole(Roles.Admin)
                        ? [.. directory.Offices.Select(o => o.Id)]
                        : [.. CaseAccess.OfficesOf(http.User)];
                }

                var items = await ItemsAsync(dataSource, offices, start, end, ct);
                var result = offices.Select(id => Summarise(id, directory.FindOffice(id), items.Where(i => i.Office == id).ToList(), start, end, options.Value)).ToList();
                return Results.Ok(new CalendarView(start, end, result));
            })
            .RequireAuthorization(Policy).WithTags("Scadenziario");

        app.MapGet("/api/calendar/{office}.ics", async (string office, HttpContext http, NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct) =>
            {
                if (!CaseAccess.WorksFor(http.User, office))
                {
                    return Problems.Forbidden("office", $"Non si lavora per l'ufficio '{office}'. / You do not work for office '{office}'.");
                }

                var today = RomeTime.DateOf(clock.GetUtcNow());
                var items = await ItemsAsync(dataSource, [office], today.AddDays(-30), today.AddDays(366), ct);
                return Results.Text(ICalendar.Feed(office, items, clock.GetUtcNow()), "text/calendar; charset=utf-8");
            })
            .RequireAuthorization(Policy).WithTags("Scadenziario");
    }

    private static CalendarOffice Summarise(string id, OfficeEntry? office, List<DueItem> items, DateOnly from, DateOnly to, ClockOptions options)
    {
        var perDay = items.GroupBy(i => i.Date).ToDictionary(g => g.Key, g => g.Count());
        var counts = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(d => from.AddDays(d)).Select(d => (Date: d, Count: perDay.GetValueOrDefault(d))).ToList();
        var mean = counts.Average(c => c.Count);
        var threshold = PeakThreshold([.. counts.Select(c => (double)c.Count)], options);
        var days = counts.Where(c => c.Count > 0).Select(c => new CalendarDay(c.Date, c.Count, c.Count > threshold)).ToList();
        var weeks = counts.GroupBy(c => MondayOf(c.Date))
            .Select(g => new CalendarWeek(IsoWeek(g.Key), g.Key, g.Sum(c => c.Count)))
            .ToList();
        var periods = office is not null && options.PeakPeriods.TryGetValue(office.AgencyId, out var configured) ? configured : [];
        return new CalendarOffice(id, office?.Name ?? id, Math.Round(mean, 2), Math.Round(threshold, 2), days, weeks, periods);
    }

    /// <summary>A day is a peak above <c>Clock:PeakThreshold</c>, or above mean + 1 standard deviation of the days when that is 0.</summary>
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
        $"{ISOWeek.GetYear(monday.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(monday.ToDateTime(TimeOnly.MinValue)):00}";

    internal sealed record DueItem(Guid Id, string Office, DateOnly Date, string Kind, string Title, string ProtocolNumber);

    private static async Task<List<DueItem>> ItemsAsync(NpgsqlDataSource dataSource, string[] offices, DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        // One escalation row per open step or procedure and due date: the due dates themselves.
        await using var command = Db.Command(connection, null, """
            SELECT d.id, d.office, d.target_due_at, d.kind, coalesce(t.title, p.name), p.protocol_number
            FROM deadlines d JOIN case_procedures p ON p.id = d.procedure_id LEFT JOIN case_tasks t ON t.id = d.task_id
            WHERE d.action = 'escalation' AND d.fired_at IS NULL AND d.office = ANY(@offices)
              AND d.target_due_at >= @from AND d.target_due_at < @to
            ORDER BY d.target_due_at, d.id
            """, ("offices", offices), ("from", StartOf(from)), ("to", StartOf(to.AddDays(2))));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var items = new List<DueItem>();
        while (await reader.ReadAsync(ct))
        {
            var date = RomeTime.DateOf(reader.GetFieldValue<DateTimeOffset>(2));
            if (date >= from && date <= to)
            {
                items.Add(new DueItem(reader.GetGuid(0), reader.GetString(1), date, reader.GetString(3), reader.GetString(4), reader.GetString(5)));
            }
        }

        return items;
    }

    private static DateTimeOffset StartOf(DateOnly date) => new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(-1);
}
