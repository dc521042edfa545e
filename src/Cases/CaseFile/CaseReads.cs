using System.Security.Claims;
using CaseFlow.ServiceDefaults.Access;
using CaseFlow.ServiceDefaults.Http;
using CaseFlow.ServiceDefaults.Outcomes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace CaseFlow.Cases.CaseFile;

/// <summary>One read of personal data: who, when, which case, what.</summary>
public sealed record CaseRead(DateTimeOffset At, string Actor, string What, string? Detail);

/// <summary>
/// The record of who read which case (a case file, a document, a search by fiscal code), written once the read was
/// allowed, and the supervisors' view of it. Searches by identifier keep the identifier: who looked for whom is the point.
/// </summary>
public static class CaseReads
{
    public static Task RecordAsync(NpgsqlConnection connection, ClaimsPrincipal user, Guid? caseId, string what, string? detail, DateTimeOffset now, CancellationToken ct) =>
        Db.ExecAsync(connection, null, "INSERT INTO case_reads (at, actor, case_id, what, detail) VALUES (@at, @actor, @case, @what, @detail)", ct,
            ("at", now), ("actor", CaseActor.NameOf(user)), ("case", caseId), ("what", what), ("detail", detail));

    /// <summary>One read of several cases (a search's results) in one statement: one commit, whatever the page size.</summary>
    public static Task RecordAllAsync(NpgsqlConnection connection, ClaimsPrincipal user, IReadOnlyList<Guid> caseIds, string what, string? detail, DateTimeOffset now,
        CancellationToken ct) =>
        caseIds.Count == 0
            ? RecordAsync(connection, user, null, what, detail, now, ct)
            : Db.ExecAsync(connection, null, """
                INSERT INTO case_reads (at, actor, case_id, what, detail) SELECT @at, @actor, id, @what, @detail FROM unnest(@cases) AS id
                """, ct, ("at", now), ("actor", CaseActor.NameOf(user)), ("cases", caseIds.ToArray()), ("what", what), ("detail", detail));

    public static async Task<Outcome<IReadOnlyList<CaseRead>>> ListAsync(NpgsqlDataSource dataSource, Guid caseId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        if (!await Db.ScalarAsync<bool>(connection, null, "SELECT EXISTS (SELECT 1 FROM cases WHERE id = @id)", ct, ("id", caseId)))
        {
            return Problem.NotFound("id", "Nessuna pratica con questo id. / No case with this id.");
        }

        await using var command = Db.Command(connection, null,
            "SELECT at, actor, what, detail FROM case_reads WHERE case_id = @id ORDER BY at DESC, id DESC LIMIT 500", ("id", caseId));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var reads = new List<CaseRead>();
        while (await reader.ReadAsync(ct))
        {
            reads.Add(new CaseRead(reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return reads;
    }

    /// <summary><c>GET /api/cases/{id}/reads</c>: the latest 500 reads of a case, for supervisors and admins.</summary>
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/cases/{id:guid}/reads", async (Guid id, NpgsqlDataSource dataSource, CancellationToken ct) =>
                (await ListAsync(dataSource, id, ct)).ToHttp())
            .RequireAuthorization(policy => policy.RequireRole(Roles.Supervisor, Roles.Admin)).WithTags("Pratiche")
            .WithSummary("Chi ha letto la pratica (registro degli accessi ai dati personali).");
}
