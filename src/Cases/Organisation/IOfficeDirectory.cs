namespace CaseFlow.Cases.Organisation;

/// <summary>An office together with the agency it belongs to.</summary>
public sealed record OfficeEntry(string Id, string Name, string Email, string Supervisor, string AgencyId, string AgencyName, string? SupervisorEmail = null)
{
    /// <summary>Where escalations go: the supervisor's own address, else the office mailbox (still addressed to the supervisor).</summary>
    public string EscalationAddress => string.IsNullOrWhiteSpace(SupervisorEmail) ? Email : SupervisorEmail;
}

/// <summary>The offices of the desk's organisation, e.g. for the OfficeTask <c>office</c> drop-down (options source "offices").</summary>
public interface IOfficeDirectory
{
    IReadOnlyList<Agency> Agencies { get; }

    IReadOnlyList<OfficeEntry> Offices { get; }

    OfficeEntry? FindOffice(string? officeId);

    Agency? FindAgency(string? agencyId);

    string DeskAgency { get; }
}

internal sealed class ConfiguredOfficeDirectory : IOfficeDirectory
{
    private readonly Dictionary<string, OfficeEntry> offices;
    private readonly Dictionary<string, Agency> agencies;

    public ConfiguredOfficeDirectory(Microsoft.Extensions.Options.IOptions<OrganisationOptions> options)
    {
        Agencies = options.Value.Agencies;
        agencies = Agencies.ToDictionary(a => a.Id, StringComparer.Ordinal);
        Offices = [.. Agencies.SelectMany(a => a.Offices.Select(o => new OfficeEntry(o.Id, o.Name, o.Email, o.Supervisor, a.Id, a.Name, o.SupervisorEmail?.Trim())))];
        offices = Offices.ToDictionary(o => o.Id, StringComparer.Ordinal);
        DeskAgency = string.IsNullOrWhiteSpace(options.Value.DeskAgency) ? Agencies.FirstOrDefault()?.Id ?? "sportello" : options.Value.DeskAgency;
    }

    public IReadOnlyList<Agency> Agencies { get; }

    public IReadOnlyList<OfficeEntry> Offices { get; }

    public string DeskAgency { get; }

    public OfficeEntry? FindOffice(string? officeId) => officeId is not null && offices.TryGetValue(officeId, out var office) ? office : null;

    public Agency? FindAgency(string? agencyId) => agencyId is not null && agencies.TryGetValue(agencyId, out var agency) ? agency : null;
}
