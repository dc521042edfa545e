namespace CaseFlow.ServiceDefaults.Access;

/// <summary>The roles of CaseFlow's users; each is also the name of the authorisation policy that admits it (and admins).</summary>
public static class Roles
{
    public const string Designer = "designer";
    public const string FrontDesk = "frontdesk";
    public const string Officer = "officer";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Designer, FrontDesk, Officer, Supervisor, Admin];
}
