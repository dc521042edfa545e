using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CaseFlow.Tests.Terms;

public class TermsConfigurationTests
{
    [Fact]
    public void An_unknown_agency_gets_the_national_calendar()
    {
        Assert.Same(AgencyCalendar.National, TestAgencies.Calendars.For("ente-mai-configurato"));
    }

    [Fact]
    public void A_configured_agency_gets_its_patron_saturdays_and_closures()
    {
        Assert.Equal(new PatronDay(12, 7), TestAgencies.Calendars.For("comune-milano").PatronDay);
        Assert.True(TestAgencies.Calendars.For("ente-sabato").SaturdayRollsOver);
        Assert.Equal([new DateOnly(2026, 8, 14), new DateOnly(2026, 12, 24)], TestAgencies.Calendars.For("ente-chiusure").Closures);
    }

    [Theory]
    [InlineData("Terms:Agencies:comune-x:PatronDay", "31-12", "Terms:Agencies:comune-x:PatronDay")]
    [InlineData("Terms:Agencies:comune-x:Closures:0", "24/12/2026", "Terms:Agencies:comune-x:Closures:0")]
    public void A_wrong_agency_setting_fails_validation_naming_the_key(string key, string value, string named)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        var services = new ServiceCollection().AddCaseFlowTerms(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TermsOptions>>().Value);

        Assert.Contains(named, error.Message);
    }
}
