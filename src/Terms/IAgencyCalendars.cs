namespace CaseFlow.Terms;

/// <summary>Where each agency's calendar comes from (configuration today, the organisation registry later).</summary>
public interface IAgencyCalendars
{
    /// <summary>The agency's calendar; the national calendar for no agency or an unknown one.</summary>
    AgencyCalendar For(string? agencyId);
}
