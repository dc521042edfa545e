using System.Security.Claims;
using CaseFlow.ServiceDefaults.Access;
using CaseFlow.ServiceDefaults.Outcomes;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CaseFlow.Cases.Supervision;

/// <summary>One office's open work: all of it, overdue, due soon (within <see cref="CasesOptions.DueSoonDays"/>), nobody's yet.</summary>
public sealed record OfficeLoad(string Office, string Name, string AgencyName, int Open, int Overdue, int DueSoon, int Unclaimed, DateTimeOffset? NextDue);

/// <summary>An open task that is overdue or due soon, for the supervisors' list of work at risk.</summary>
public sealed record TaskAtRisk(Guid TaskId, Guid CaseId, string Office, string Title, string Procedure, string ProtocolNumber, DateTimeOffset DueDate,
    string? ClaimedBy, bool Overdue);

/// <summary>Every office of the organisation with its load, and the work at risk of them all, in due-date order.</summary>
public sealed record WorkloadReport(DateTimeOffset At, int DueSoonDays, IReadOnlyList<OfficeLoad> Offices, IReadOnlyList<TaskAtRisk> AtRisk, bool MoreAtRisk);

/// <summary>
/// The supervisors' view of the offices: open, overdue, due-soon and unclaimed tasks per office in one round trip, and
/// the overdue and due-soon tasks themselves (most urgent first, capped). Supervisors and admins only.
/// </summary>
public sealed class OfficeWorkload(NpgsqlDataSource dataSource, IOfficeDirectory directory, TimeProvider clock, IOptions<CasesOptions> options)
{
    public const int MaxAtRisk = 100;

    public async Task<Outcome<WorkloadReport>> ReportAsync(ClaimsPrincipal user, CancellationToken ct, int atRiskLimit = MaxAtRisk)
    {
        if (!user.IsInRole(Roles.Supervisor) && !user.IsInRole(Roles.Admin))
        {
            return Problem.Forbidden("user", "Il carico degli uffici è per i supervisori. / Office workload is for supervisors.");
        }

        if (atRiskLimit is < 1 or > MaxAtRisk)
        {
            return Problem.Validation("limit", $"Da 1 a {MaxAtRisk} attività. / From 1 to {MaxAtRisk} tasks.");
        }

        var now = clock.GetUtcNow();
        var soon = now.AddDays(options.Value.DueSoonDays);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var counts = new Dictionary<string, (int Open, int Overdue, int DueSoon, int Unclaimed, DateTimeOffset NextDue)>(StringComparer.Ordinal);
        await using (var command = Db.Command(connection, null, """
            SELECT office, count(*), count(*) FILTER (WHERE due_at < @now), count(*) FILTER (WHERE due_at >= @now AND due_at <= @soon),
                   count(*) FILTER (WHERE claimed_by IS NULL), min(due_at)
            FROM case_tasks WHERE status = 'open' GROUP BY office
            """, ("now", now), ("soon", soon)))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                counts[reader.GetString(0)] = ((int)reader.GetInt64(1), (int)reader.GetInt64(2), (int)reader.GetInt64(3), (int)reader.GetInt64(4),
                    reader.GetFieldValue<DateTimeOffset>(5));
            }
        }

        var atRisk = new List<TaskAtRisk>();
        await using (var command = Db.Command(connection, null, """
            SELECT t.id, t.case_id, t.office, t.title, p.name, p.protocol_number, t.due_at, t.claimed_by
            FROM case_tasks t JOIN case_procedures p ON p.id = t.procedure_id
            WHERE t.status = 'open' AND t.due_at <= @soon
            ORDER BY t.due_at, t.id LIMIT @take
            """, ("soon", soon), ("take", atRiskLimit + 1)))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var due = reader.GetFieldValue<DateTimeOffset>(6);
                atRisk.Add(new TaskAtRisk(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                    due, reader.IsDBNull(7) ? null : reader.GetString(7), due < now));
            }
        }

        // Every office of the organisation, busy or not, then any office only the tasks still name (moved away from the settings).
        var offices = directory.Offices.Select(o => o.Id).Concat(counts.Keys.Order(StringComparer.Ordinal)).Distinct(StringComparer.Ordinal);
        var loads = offices.Select(id =>
        {
            var office = directory.FindOffice(id);
            var (open, overdue, dueSoon, unclaimed, next) = counts.GetValueOrDefault(id);
            return new OfficeLoad(id, office?.Name ?? id, office?.AgencyName ?? "", open, overdue, dueSoon, unclaimed, open > 0 ? next : null);
        }).ToList();
        return new WorkloadReport(now, options.Value.DueSoonDays, loads, [.. atRisk.Take(atRiskLimit)], atRisk.Count > atRiskLimit);
    }
}
