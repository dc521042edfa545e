using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CaseFlow.Tests.Terms;

/// <summary>The agency calendars the table uses, given to the unit tests and to the host as the same configuration.</summary>
public static class TestAgencies
{
    public static IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        // Milan: Sant'Ambrogio, Monday 7 December 2026, the eve of the Immacolata.
        ["Terms:Agencies:comune-milano:PatronDay"] = "12-07",
        ["Terms:Agencies:ente-sabato:SaturdayRollsOver"] = "true",
        ["Terms:Agencies:ente-chiusure:Closures:0"] = "2026-08-14",
        ["Terms:Agencies:ente-chiusure:Closures:1"] = "2026-12-24",
    };

    public static IAgencyCalendars Calendars { get; } = Build(Settings);

    public static IAgencyCalendars Build(IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddCaseFlowTerms(configuration).BuildServiceProvider().GetRequiredService<IAgencyCalendars>();
    }
}
