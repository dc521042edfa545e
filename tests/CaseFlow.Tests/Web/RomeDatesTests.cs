using System.Globalization;
using CaseFlow.Web.Culture;
using CaseFlow.Web.Desk;

namespace CaseFlow.Tests.Web;

public class RomeDatesTests
{
    [Fact]
    public void Dates_are_Rome_dates_written_in_words_in_the_person_s_language()
    {
        var lateEvening = new DateTimeOffset(2026, 12, 1, 23, 30, 0, TimeSpan.Zero); // already 2 December in Rome
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("it");
            Assert.Equal("2 dicembre 2026", RomeDates.Date(lateEvening));
            Assert.Equal("2 dicembre 2026, ore 00:30", RomeDates.DateAndTime(lateEvening));
            CultureInfo.CurrentCulture = new CultureInfo("en");
            Assert.Equal("2 December 2026", RomeDates.Date(lateEvening));
            Assert.Equal("2026-08-01T01:30+02:00", RomeDates.Iso(new DateTimeOffset(2026, 7, 31, 23, 30, 0, TimeSpan.Zero)));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Terms_read_as_days_or_working_days_and_anything_else_is_left_as_written()
    {
        Assert.Equal(("{0} giorni", 45), TermText.Parse("P45D"));
        Assert.Equal(("{0} giorni lavorativi", 5), TermText.Parse("5WD"));
        Assert.Null(TermText.Parse("PT2M"));
    }
}
