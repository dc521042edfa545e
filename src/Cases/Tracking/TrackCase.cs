using System.Globalization;
using CaseFlow.ServiceDefaults.Http;
using CaseFlow.ServiceDefaults.Outcomes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace CaseFlow.Cases.Tracking;

public sealed record TrackedStep(string Office, string What, string Since, string Deadline);

/// <param name="Deadline">The latest expected date (dd/MM/yyyy), within the sheet's term and moved by the legal clock.</param>
public sealed record TrackedProcedure(string Procedure, string Status, string Deadline, IReadOnlyList<TrackedStep> CurrentSteps, string? ConcludedOn,
    string? ProtocolNumber = null, string? Office = null);

public sealed record TrackedEvent(string Date, string What);

/// <summary>The citizen's view: plain Italian, dates as dd/MM/yyyy, no personal data but the first name.</summary>
/// <param name="ReceivedOn">The date the desk took the application in charge (its protocol registration).</param>
public sealed record TrackedCase(string Greeting, string ReceivedOn, string Status, IReadOnlyList<TrackedProcedure> Procedures, IReadOnlyList<TrackedEvent> History,
    string? ProtocolNumber = null);

/// <summary>
/// What anyone holding the tracking code may know of a case, in plain Italian and with minimal personal data (the first
/// name): status, procedures with their current steps and dates, and the public history.
/// </summary>
public sealed class CaseTracker(NpgsqlDataSource dataSource, IOfficeDirectory directory)
{
    public async Task<Outcome<TrackedCase>> TrackAsync(string trackingCode, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var found = await Db.JsonRowsAsync(connection, null, """
            SELECT json_build_object('id', id, 'firstName', citizen->>'firstName', 'receivedAt', received_at, 'status', status, 'protocol', protocol_number)::text
            FROM cases WHERE tracking_code = @code
            """, ct, ("code", trackingCode.Trim().ToUpperInvariant()));
        if (found.Count == 0)
        {
            return Problem.NotFound("trackingCode", "Nessuna pratica con questo codice. / No case with this tracking code.");
        }

        var caseId = Guid.Parse(found[0]["id"]!.GetValue<string>());
        var procedures = new List<TrackedProcedure>();
        foreach (var p in await Db.JsonRowsAsync(connection, null, """
            SELECT json_build_object('id', id, 'name', name, 'status', status, 'dueAt', due_at, 'closedAt', closed_at, 'protocol', protocol_number, 'office', office)::text
            FROM case_procedures WHERE case_id = @id ORDER BY id
            """, ct, ("id", caseId)))
        {
            var steps = await Db.JsonRowsAsync(connection, null, """
                SELECT json_build_object('office', office, 'title', title, 'createdAt', created_at, 'dueAt', due_at)::text
                FROM case_tasks WHERE procedure_id = @id AND status = 'open' ORDER BY due_at
                """, ct, ("id", Guid.Parse(p["id"]!.GetValue<string>())));
            procedures.Add(new TrackedProcedure(p["name"]!.GetValue<string>(), StatusText(p["status"]!.GetValue<string>()), Date(p["dueAt"]),
                [.. steps.Select(s => new TrackedStep(directory.FindOffice(s["office"]!.GetValue<string>())?.Name ?? s["office"]!.GetValue<string>(),
                    s["title"]!.GetValue<string>(), Date(s["createdAt"]), Date(s["dueAt"])))],
                p["closedAt"] is null ? null : Date(p["closedAt"]), p["protocol"]?.GetValue<string>(),
                directory.FindOffice(p["office"]!.GetValue<string>())?.Name));
        }

        // Only events written as public: their texts are built from procedure and office names, never from personal data.
        var history = await Db.JsonRowsAsync(connection, null,
            "SELECT json_build_object('at', at, 'text', text)::text FROM case_events WHERE case_id = @id AND public ORDER BY id", ct, ("id", caseId));
        var closed = found[0]["status"]!.GetValue<string>() == "closed";
        return new TrackedCase($"Gentile {found[0]["firstName"]}, ecco lo stato della sua pratica.", Date(found[0]["receivedAt"]),
            closed ? "Conclusa" : "In lavorazione", procedures, [.. history.Select(h => new TrackedEvent(Date(h["at"]), h["text"]!.GetValue<string>()))],
            found[0]["protocol"]?.GetValue<string>());
    }

    internal static string StatusText(string status) => status switch
    {
        "open" => "In lavorazione",
        "suspended" => "Sospesa in attesa di documenti",
        "granted" => "Accolta",
        "denied" => "Respinta",
        "cancelled" => "Annullata",
        _ => "Conclusa",
    };

    private static string Date(System.Text.Json.Nodes.JsonNode? instant) =>
        instant is null ? "" : RomeTime.DateOf(DateTimeOffset.Parse(instant.GetValue<string>(), CultureInfo.InvariantCulture)).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}

/// <summary><c>GET /api/track/{trackingCode}</c>: no login, rate-limited per client address.</summary>
public static class TrackCase
{
    public const string RateLimitPolicy = "tracking";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/track/{trackingCode}", async (string trackingCode, CaseTracker tracker, CancellationToken ct) =>
                (await tracker.TrackAsync(trackingCode, ct)).ToHttp())
            .AllowAnonymous().RequireRateLimiting(RateLimitPolicy).WithTags("Cittadino");
}
