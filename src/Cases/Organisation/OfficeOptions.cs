using CaseFlow.Workflows.Activities;

namespace CaseFlow.Cases.Organisation;

/// <summary>The OfficeTask <c>office</c> drop-down in the Studio: every office of the organisation, with its agency.</summary>
internal sealed class OfficeOptions(IOfficeDirectory directory) : IInputOptionsSource
{
    public string Name => "offices";

    public IReadOnlyList<SelectOption> Options() => [.. directory.Offices.Select(o => new SelectOption($"{o.Name} — {o.AgencyName}", o.Id))];
}
