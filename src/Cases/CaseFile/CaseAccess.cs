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

    public static async Task<bool> CanSeeAsync(NpgsqlConnection connection, ClaimsPrincipal user, Guid caseId, CancellationToken ct)
    {
        // A citizen signed in with SPID/CIE acts only on their own cases, whatever else the principal carries.
        if (CitizenIdentity.FiscalCodeOf(user) is { } fiscalCode)
        {
            return await Db.ScalarAsync<bool>(connection, null, "SELECT EXISTS (SELECT 1 FROM cases WHERE id = @id AND fiscal_code = @fiscal)", ct,
                ("id", caseId), ("fiscal", fiscalCode));
        }

        if (OfficeFilter(user) is not { } offices)
        {
            return true;
        }

        return await Db.ScalarAsync<bool>(connection, null, $"SELECT EXISTS (SELECT 1 FROM cases k WHERE k.id = @id AND {InvolvesOffices})", ct,
            ("id", caseId), ("offices", offices));
    }
}
