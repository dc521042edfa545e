using System.Security.Claims;
using CaseFlow.ServiceDefaults.Access;
using Npgsql;

namespace CaseFlow.Cases.CaseFile;

/// <summary>
/// Who sees which case: supervisors, admins and the front desk (the desk's operators have the global view) see
/// every case; officers only cases that involve one of their offices; designers no case data at all; a signed-in
/// citizen only their own cases.
/// </summary>
public static class CaseAccess
{
    /// <summary>The authorisation policy of every case-data endpoint.</summary>
    public const string ReadPolicy = "case-reader";

    public static readonly string[] ReaderRoles = [Roles.FrontDesk, Roles.Officer, Roles.Supervisor, Roles.Admin];

    public static bool SeesAll(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.FrontDesk);

    public static bool WorksFor(ClaimsPrincipal user, string office) =>
        user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Supervisor) || OfficesOf(user).Contains(office);

    /// <summary>The offices in the user's <c>office</c> claims (people's logins and officers' API keys carry them alike).</summary>
    public static IReadOnlyList<string> OfficesOf(ClaimsPrincipal user) =>
        [.. user.FindAll(CaseFlowClaims.Office).Select(c => c.Value).Distinct(StringComparer.Ordinal)];

    /// <summary>The offices an officer is restricted to; null when the user sees every case.</summary>
    public static string[]? OfficeFilter(ClaimsPrincipal user) => SeesAll(user) ? null : [.. OfficesOf(user)];

    /// <summary>SQL condition on a case alias <c>k</c>: the case involves one of <c>@offices</c> (its procedures' or tasks' offices).</summary>
    public const string InvolvesOffices = """
        (EXISTS (SELECT 1 FROM case_procedures p WHERE p.case_id = k.id AND p.office = ANY(@offices))
         OR EXISTS (SELECT 1 FROM case_tasks t WHERE t.case_id = k.id AND t.office = ANY(@offices)))
        """;

    /// <summary>
    /// The procedures of the case an officer works on (their offices hold the procedure or one of its steps); null when
    /// the user sees the whole case. In a bundle an officer never reads another office's procedure (its form, its acts).
    /// </summary>
    public static async Task<Guid[]?> VisibleProceduresAsync(NpgsqlConnection connection, ClaimsPrincipal user, Guid caseId, CancellationToken ct)
    {
        if (OfficeFilter(user) is not { } offices)
        {
            return null;
        }

        await using var command = Db.Command(connection, null, """
            SELECT p.id FROM case_procedures p
            WHERE p.case_id = @id AND (p.office = ANY(@offices) OR EXISTS (SELECT 1 FROM case_tasks t WHERE t.procedure_id = p.id AND t.office = ANY(@offices)))
            """, ("id", caseId), ("offices", offices));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var visible = new List<Guid>();
        while (await reader.ReadAsync(ct))
        {
            visible.Add(reader.GetGuid(0));
        }

        return [.. visible];
    }

    public static async Task<bool> CanSeeAsync(NpgsqlConnection connection, ClaimsPrincipal user, Guid caseId, CancellationToken ct)
    {
        // A citizen signed in with SPID/CIE acts only on their own cases, whatever else the principal carries.
        if (CitizenIdentity.FiscalCodeOf(user) is { } fiscalCode)
        {
            // ... and on those of the company their identity says they act for.
            var vat = user.FindFirstValue(CitizenIdentity.CompanyVat) is { Length: > 0 } v ? Applicants.PartitaIva.Normalise(v) : null;
            return await Db.ScalarAsync<bool>(connection, null, $"SELECT EXISTS (SELECT 1 FROM cases WHERE id = @id AND {CitizenCases.OwnOrCompany})", ct,
                ("id", caseId), ("fiscal", fiscalCode), ("vat", vat));
        }

        if (OfficeFilter(user) is not { } offices)
        {
            return true;
        }

        return await Db.ScalarAsync<bool>(connection, null, $"SELECT EXISTS (SELECT 1 FROM cases k WHERE k.id = @id AND {InvolvesOffices})", ct,
            ("id", caseId), ("offices", offices));
    }
}
