
namespace CaseFlow.Tests.Terms;

public class ItalianHolidaysTests
{
    [Theory]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2028, "2028-04-16")]
    [InlineData(2030, "2030-04-21")]
    [InlineData(2038, "2038-04-25")] // the latest possible Easter
    [InlineData(2285, "2285-03-22")] // the earliest possible Easter
    public void Easter_sunday_matches_the_published_dates(int year, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected), ItalianHolidays.EasterSunday(year));
    }

    public static TheoryData<string, string> NationalHolidays2026And2027 => new()
    {
        { "2026-01-01", "Capodanno" },
        { "2026-01-06", "Epifania" },
        { "2026-04-06", "Lunedì dell'Angelo" }, // Easter in April (5 April 2026)
        { "2026-04-25", "Festa della Liberazione" },
        { "2026-05-01", "Festa del Lavoro" },
        { "2026-06-02", "Festa della Repubblica" },
        { "2026-08-15", "Ferragosto" },
        { "2026-10-04", "San Francesco d'Assisi, patrono d'Italia" }, // first year, L. 151/2025
        { "2026-11-01", "Ognissanti" },
        { "2026-12-08", "Immacolata Concezione" },
        { "2026-12-25", "Natale" },
        { "2026-12-26", "Santo Stefano" },
        { "2027-01-01", "Capodanno" },
        { "2027-01-06", "Epifania" },
        { "2027-03-29", "Lunedì dell'Angelo" }, // Easter in March (28 March 2027)
        { "2027-04-25", "Festa della Liberazione" },
        { "2027-05-01", "Festa del Lavoro" },
        { "2027-06-02", "Festa della Repubblica" },
        { "2027-08-15", "Ferragosto" },
        { "2027-10-04", "San Francesco d'Assisi, patrono d'Italia" },
        { "2027-11-01", "Ognissanti" },
        { "2027-12-08", "Immacolata Concezione" },
        { "2027-12-25", "Natale" },
        { "2027-12-26", "Santo Stefano" },
    };

    [Theory]
    [MemberData(nameof(NationalHolidays2026And2027))]
    public void Every_national_holiday_is_a_holiday_with_its_italian_name(string date, string name)
    {
        Assert.True(AgencyCalendar.National.IsHoliday(DateOnly.Parse(date), out var reason));
        Assert.Equal(MoveCodes.Holiday, reason.Code);
        Assert.Equal($"festività: {name}", reason.Reason);
        Assert.False(AgencyCalendar.National.IsWorkingDay(DateOnly.Parse(date)));
    }

    [Fact]
    public void A_year_has_twelve_national_holidays_from_2026_and_eleven_before()
    {
        Assert.Equal(12, ItalianHolidays.For(2026).Count);
        Assert.Equal(12, ItalianHolidays.For(2027).Count);
        Assert.Equal(11, ItalianHolidays.For(2025).Count);
    }

    [Theory]
    [InlineData("2025-10-04", false)] // before L. 151/2025
    [InlineData("2026-10-04", true)]
    [InlineData("2027-10-04", true)]
    public void Saint_francis_is_a_holiday_only_from_2026(string date, bool holiday)
    {
        Assert.Equal(holiday, AgencyCalendar.National.IsHoliday(DateOnly.Parse(date), out _));
    }

    [Theory]
    [InlineData("2026-04-05")] // Easter Sunday itself: a Sunday, not a holiday of its own
    [InlineData("2027-03-28")]
    [InlineData("2026-03-30")] // the Monday before Easter 2026
    [InlineData("2027-04-05")] // Easter Monday 2026's date, in 2027
    [InlineData("2026-12-24")]
    [InlineData("2026-12-31")]
    [InlineData("2026-08-14")]
    public void Other_days_are_not_national_holidays(string date)
    {
        Assert.False(AgencyCalendar.National.IsHoliday(DateOnly.Parse(date), out _));
    }

    [Fact]
    public void Patron_day_and_closures_are_holidays_only_for_their_agency()
    {
        var milano = TestAgencies.Calendars.For("comune-milano");
        Assert.True(milano.IsHoliday(new DateOnly(2026, 12, 7), out var patron));
        Assert.Equal(("patron", "festa del santo patrono"), (patron.Code, patron.Reason));

        var closures = TestAgencies.Calendars.For("ENTE-CHIUSURE"); // agency ids ignore case, as configuration keys do
        Assert.True(closures.IsHoliday(new DateOnly(2026, 12, 24), out var closure));
        Assert.Equal(("closure", "chiusura straordinaria"), (closure.Code, closure.Reason));

        Assert.False(TestAgencies.Calendars.For("comune-sconosciuto").IsHoliday(new DateOnly(2026, 12, 7), out _));
        Assert.False(TestAgencies.Calendars.For(null).IsHoliday(new DateOnly(2026, 12, 24), out _));
    }
}
