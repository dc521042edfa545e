using System.Security.Claims;
using CaseFlow.ServiceDefaults.Access;

namespace CaseFlow.Web.Account;

/// <summary>Who is signed in, as the header and the home page show them.</summary>
public sealed record SignedInPerson(string UserName, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Offices)
{
    public static SignedInPerson? Of(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var name = user.Identity.Name ?? "";
        return new SignedInPerson(
            name,
            user.FindFirstValue("display_name") ?? name,
            [.. user.FindAll(ClaimTypes.Role).Select(c => c.Value).Distinct()],
            [.. user.FindAll(CaseFlowClaims.Office).Select(c => c.Value).Distinct()]);
    }

    /// <summary>The homes this person may open, in the order of the desk's work: an admin may open them all.</summary>
    public IReadOnlyList<RoleHome> Homes =>
        [.. RoleHome.All.Where(h => Roles.Contains(h.Role) || Roles.Contains(CaseFlow.ServiceDefaults.Access.Roles.Admin))];
}

/// <summary>The page each role starts from.</summary>
/// <param name="Name">Italian; the page shows it through the localizer.</param>
public sealed record RoleHome(string Role, string Path, string Name, string Description)
{
    public static IReadOnlyList<RoleHome> All { get; } =
    [
        new(Roles.FrontDesk, "/sportello", "Sportello", "Accoglienza dei cittadini, catalogo dei procedimenti, avvio delle pratiche."),
        new(Roles.Officer, "/ufficio", "Ufficio", "Le attività del proprio ufficio, in ordine di scadenza."),
        new(Roles.Supervisor, "/supervisione", "Supervisione", "Scadenze e carichi di lavoro di ogni ufficio."),
        new(Roles.Designer, "/studio", "Progettazione dei procedimenti", "Elsa Studio: disegno e pubblicazione dei procedimenti."),
    ];

    /// <summary>The Italian name of a role, for the header.</summary>
    public static string RoleName(string role) => role switch
    {
        Roles.FrontDesk => "Operatore di sportello",
        Roles.Officer => "Funzionario d'ufficio",
        Roles.Supervisor => "Supervisore",
        Roles.Designer => "Progettista dei procedimenti",
        Roles.Admin => "Amministratore",
        _ => role,
    };
}
