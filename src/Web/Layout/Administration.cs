using CaseFlow.Cases.Organisation;
using Microsoft.Extensions.Options;

namespace CaseFlow.Web.Layout;

/// <summary>The administration the pages belong to, and the names of its offices.</summary>
public sealed class Administration(IOptions<WebOptions> options, IOfficeDirectory directory)
{
    public string Name { get; } = !string.IsNullOrWhiteSpace(options.Value.AdministrationName)
        ? options.Value.AdministrationName.Trim()
        : directory.FindAgency(directory.DeskAgency)?.Name ?? "Sportello polifunzionale";

    public string OfficeName(string officeId) => directory.FindOffice(officeId)?.Name ?? officeId;
}
