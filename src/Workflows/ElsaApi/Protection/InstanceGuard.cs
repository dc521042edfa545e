using System.Security.Claims;
using CaseFlow.ServiceDefaults.Access;
using Microsoft.AspNetCore.Http;

namespace CaseFlow.Workflows.ElsaApi.Protection;

/// <summary>
/// Who may act on, and who may read the personal data of, an instance that carries a case. Admins keep full
/// control (the break-glass for a stuck instance); supervisors read what they supervise; a designer (every Studio
/// session) acts only on instances without a case — their own test runs — and reads case instances redacted.
/// </summary>
internal sealed class InstanceGuard(IProtectedInstances protectedInstances, Npgsql.NpgsqlDataSource dataSource)
{
    public static bool MayAct(ClaimsPrincipal user) => user.IsInRole(Roles.Admin);

    public static bool MayReadPersonalData(ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Supervisor);

    /// <summary>The instances among <paramref name="ids"/> this caller must not act on.</summary>
    public async Task<IReadOnlySet<string>> RefusedAsync(ClaimsPrincipal user, IReadOnlyCollection<string> ids, CancellationToken ct) =>
        MayAct(user) || ids.Count == 0 ? new HashSet<string>() : await InstanceRoots.ProtectedAsync(dataSource, protectedInstances, ids, ct);

    /// <summary>A 403 problem when the caller must not act on the instance; null when they may.</summary>
    public async Task<IResult?> RefuseAsync(ClaimsPrincipal user, string instanceId, CancellationToken ct) =>
        (await RefusedAsync(user, [instanceId], ct)).Count == 0 ? null : Forbidden(instanceId);

    /// <summary>Whether the caller reads this instance with its input, output and variables blanked.</summary>
    public async Task<bool> RedactAsync(ClaimsPrincipal user, string instanceId, CancellationToken ct) =>
        !MayReadPersonalData(user) && (await InstanceRoots.ProtectedAsync(dataSource, protectedInstances, [instanceId], ct)).Count > 0;

    public static string RefusalMessage(string instanceId) =>
        $"Instance {instanceId} carries a case: it moves only through the case API (/api/cases, /api/tasks), which checks the office and records the person.";

    public static IResult Forbidden(string instanceId) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, type: "https://caseflow.example/problems/case-instance",
            title: "This instance carries a case.", detail: RefusalMessage(instanceId),
            extensions: new Dictionary<string, object?> { ["field"] = "id" });
}
