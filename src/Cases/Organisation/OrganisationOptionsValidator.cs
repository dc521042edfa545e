using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace CaseFlow.Cases.Organisation;

/// <summary>Ids must be present and unique (tasks, procedures and protocol counters are keyed by them); supervisor emails must be addresses.</summary>
internal sealed class OrganisationOptionsValidator : IValidateOptions<OrganisationOptions>
{
    public ValidateOptionsResult Validate(string? name, OrganisationOptions options)
    {
        var errors = new List<string>();
        var agencyIds = new HashSet<string>(StringComparer.Ordinal);
        var officeIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Agencies.Count; i++)
        {
            var agency = options.Agencies[i];
            if (string.IsNullOrWhiteSpace(agency.Id) || !agencyIds.Add(agency.Id))
            {
                errors.Add($"Organisation:Agencies:{i}:Id must be present and unique ('{agency.Id}').");
            }

            for (var j = 0; j < agency.Offices.Count; j++)
            {
                if (string.IsNullOrWhiteSpace(agency.Offices[j].Id) || !officeIds.Add(agency.Offices[j].Id))
                {
                    errors.Add($"Organisation:Agencies:{i}:Offices:{j}:Id must be present and unique ('{agency.Offices[j].Id}').");
                }

                if (agency.Offices[j].SupervisorEmail is { Length: > 0 } email && !IsBareAddress(email))
                {
                    errors.Add($"Organisation:Agencies:{i}:Offices:{j}:SupervisorEmail must be an email address ('{email}').");
                }
            }
        }

        if (!string.IsNullOrWhiteSpace(options.DeskAgency) && !agencyIds.Contains(options.DeskAgency))
        {
            errors.Add($"Organisation:DeskAgency '{options.DeskAgency}' is not one of Organisation:Agencies.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    // "Name <a@b>" or a word without a domain would reach no one; blank counts as absent (escalations use the office mailbox).
    private static bool IsBareAddress(string email) =>
        MailAddress.TryCreate(email.Trim(), out var parsed) && parsed.Address == email.Trim() && parsed.Host.Contains('.', StringComparison.Ordinal);
}
