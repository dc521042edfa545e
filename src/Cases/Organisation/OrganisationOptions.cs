namespace CaseFlow.Cases.Organisation;

/// <summary>Settings under <c>Organisation</c>: the agencies at the desk and their offices.</summary>
public sealed class OrganisationOptions
{
    public const string Section = "Organisation";

    /// <summary>The agency that runs the desk; documents uploaded before a case exists are registered in its protocol.</summary>
    public string DeskAgency { get; set; } = "";

    public List<Agency> Agencies { get; set; } = [];
}

/// <summary>A public body (ente) at the desk.</summary>
public sealed class Agency
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Comune, INPS, ASL, Provincia…</summary>
    public string Kind { get; set; } = "";

    public List<Office> Offices { get; set; } = [];
}

/// <summary>An office of an agency: where tasks queue.</summary>
public sealed class Office
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string Email { get; set; } = "";

    /// <summary>The office's supervisor (name), to whom late tasks are escalated.</summary>
    public string Supervisor { get; set; } = "";

    /// <summary>The supervisor's own address for escalations; without it they go to the office mailbox.</summary>
    public string? SupervisorEmail { get; set; }
}
