using System.Globalization;
using System.Security.Claims;
using CaseFlow.ServiceDefaults.Access;
using CaseFlow.ServiceDefaults.Outcomes;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CaseFlow.Cases.Deadlines;

/// <summary>Which due dates: one office or (null) every office the person may see, from one day to another (a year at most).</summary>
public sealed record CalendarQuery(string? Office = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>One open due date in the scadenziario: a step's (<c>step</c>) or a procedure's term (<c>procedure</c>).</summary>
public sealed record DueDateEntry(Guid Id, string Office, DateOnly Date, string Kind, string Title, string ProtocolNumber);

/// <summary>The scadenziario's view and its due dates, for a page that lists them under the counts.</summary>
public sealed record CalendarWithDates(CalendarView View, IReadOnlyList<DueDateEntry> DueDates);

/// <summary>
/// The scadenziario as a use case: open due dates (steps and procedures) per office, day and week, peak days
/// (above the threshold, or mean plus one standard deviation) and the agencies' declared peak periods; and an office's
/// iCalendar feed. <c>/api/calendar</c> and the supervisors' month view both read it here.
/// </summary>
public sealed class DeadlineCalendar(NpgsqlDataSource dataSource, IOfficeDirectory directory, IOptions<ClockOptions> options, TimeProvider clock)
{
    public const int MaxDays = 366;

    public async Task<Outcome<CalendarView>> ViewAsync(CalendarQuery query, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await WithDatesAsync(query, user, ct);
        return result.Succeeded ? result.Value.View : result.Problem;
    }

    public async Task<Outcome<CalendarWithDates>> WithDatesAsync(CalendarQuery query, ClaimsPrincipal user, CancellationToken ct)
    {
        var start = query.From ?? RomeTime.DateOf(clock.GetUtcNow());
        var end = query.To ?? start.AddDays(60);
        if (end < start || end.DayNumber - start.DayNumber > MaxDays)
        {
            return Problem.Validation("to", "'to' segue 'from' di un anno al massimo. / 'to' must follow 'from' by at most a year.");
        }

        string[] offices;
        if (query.Office is { } office)
        {
            if (!CaseAccess.WorksFor(user, office))
            {
                return Problem.Forbidden("office", $"Non si lavora per l'ufficio '{office}'. / You do not work for office '{office}'.");
            }

            offices = [office];
        }
        else
        {
            offices = user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Admin) ? [.. directory.Offices.Select(o => o.Id)] : [.. CaseAccess.OfficesOf(user)];
        }

        var items = await ItemsAsync(offices, start, end, ct);
        var view = new CalendarView(start, end,
            [.. offices.Select(id => Summarise(id, directory.FindOffice(id), [.. items.Where(i => i.Office == id)], start, end, options.Value))]);
        return new CalendarWithDates(view, items);
    }

    /// <summary>An office's due dates from a month ago to a year ahead, as RFC 5545 text.</summary>
    public async Task<Outcome<string>> FeedAsync(string office, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!CaseAccess.WorksFor(user, office))
        {
            return Problem.Forbidden("office", $"Non si lavora per l'ufficio '{office}'. / You do not work for office '{office}'.");
        }

        var today = RomeTime.DateOf(clock.GetUtcNow());
        var items = await ItemsAsync([office], today.AddDays(-30), today.AddDays(MaxDays), ct);
        return ICalendar.Feed(office, items, clock.GetUtcNow());
    }

    private static CalendarOffice Summarise(string id, OfficeEntry? office, List<DueDateEntry> items, DateOnly from, DateOnly to, ClockOptions options)
    {
        var perDay = items.GroupBy(i => i.Date).ToDictionary(g => g.Key, g => g.Count());
        var counts = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(d => from.AddDays(d)).Select(d => (Date: d, Count: perDay.GetValueOrDefault(d))).ToList();
        var mean = counts.Average(c => c.Count);
        var threshold = Calendar.PeakThreshold([.. counts.Select(c => (double)c.Count)], options);
        var days = counts.Where(c => c.Count > 0).Select(c => new CalendarDay(c.Date, c.Count, c.Count > threshold)).ToList();
        var weeks = counts.GroupBy(c => Calendar.MondayOf(c.Date))
            .Select(g => new CalendarWeek(Calendar.IsoWeek(g.Key), g.Key, g.Sum(c => c.Count)))
            .ToList();
        var periods = office is not null && options.PeakPeriods.TryGetValue(office.AgencyId, out var configured) ? configured : [];
        return new CalendarOffice(id, office?.Name ?? id, Math.Round(mean, 2), Math.Round(threshold, 2), days, weeks, periods);
    }

    private async Task<List<DueDateEntry>> ItemsAsync(string[] offices, DateOnly from, DateOnly to, CancellationToken ct)
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
        var items = new List<DueDateEntry>();
        while (await reader.ReadAsync(ct))
        {
            var date = RomeTime.DateOf(reader.GetFieldValue<DateTimeOffset>(2));
            if (date >= from && date <= to)
            {
                items.Add(new DueDateEntry(reader.GetGuid(0), reader.GetString(1), date, reader.GetString(3), reader.GetString(4), reader.GetString(5)));
            }
        }

        return items;
    }

    // A day before, in UTC: Rome is ahead of UTC, so the window surely holds every instant of the Rome days asked.
    private static DateTimeOffset StartOf(DateOnly date) => new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(-1);
}
