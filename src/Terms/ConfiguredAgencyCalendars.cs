using System.Globalization;
using Microsoft.Extensions.Options;

namespace CaseFlow.Terms;

/// <summary>Agency calendars from <c>Terms:Agencies</c>, checked at start-up by <see cref="TermsOptionsValidator"/>.</summary>
internal sealed class ConfiguredAgencyCalendars(IOptions<TermsOptions> options) : IAgencyCalendars
{
    private readonly Dictionary<string, AgencyCalendar> calendars = options.Value.Agencies.ToDictionary(
        agency => agency.Key,
        agency => ToCalendar(agency.Value),
        StringComparer.OrdinalIgnoreCase);

    public AgencyCalendar For(string? agencyId) =>
        agencyId is not null && calendars.TryGetValue(agencyId, out var calendar) ? calendar : AgencyCalendar.National;

    private static AgencyCalendar ToCalendar(AgencyCalendarOptions agency) => new(
        PatronDay.TryParse(agency.PatronDay, out var patron) ? patron : null,
        agency.SaturdayRollsOver,
        agency.Closures.Select(ParseDate).OfType<DateOnly>().Order().ToList());

    internal static DateOnly? ParseDate(string text) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
