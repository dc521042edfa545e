using Microsoft.Extensions.Options;

namespace CaseFlow.Terms;

/// <summary>A wrong agency calendar stops the host at start-up with the key at fault, rather than miscounting terms.</summary>
internal sealed class TermsOptionsValidator : IValidateOptions<TermsOptions>
{
    public ValidateOptionsResult Validate(string? name, TermsOptions options)
    {
        var failures = new List<string>();
        foreach (var (agency, calendar) in options.Agencies)
        {
            var key = $"{TermsOptions.Section}:Agencies:{agency}";
            if (!string.IsNullOrWhiteSpace(calendar.PatronDay) && !PatronDay.TryParse(calendar.PatronDay, out _))
            {
                failures.Add($"{key}:PatronDay '{calendar.PatronDay}' is not a day of the year as MM-DD (e.g. 12-07).");
            }

            for (var i = 0; i < calendar.Closures.Count; i++)
            {
                if (ConfiguredAgencyCalendars.ParseDate(calendar.Closures[i]) is null)
                {
                    failures.Add($"{key}:Closures:{i} '{calendar.Closures[i]}' is not a date as YYYY-MM-DD.");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
