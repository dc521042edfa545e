
namespace CaseFlow.Tests.Terms;

public class TermParsingTests
{
    [Theory]
    [InlineData("P30D", TermKind.CalendarDays, 30, "P30D")]
    [InlineData(" p90d ", TermKind.CalendarDays, 90, "P90D")]
    [InlineData("5WD", TermKind.WorkingDays, 5, "5WD")]
    [InlineData("10wd", TermKind.WorkingDays, 10, "10WD")]
    [InlineData(null, TermKind.CalendarDays, 30, "P30D")] // art. 2 c.2: 30 days when none is set
    [InlineData("", TermKind.CalendarDays, 30, "P30D")]
    public void Day_terms_parse_to_their_kind_and_days(string? text, TermKind kind, int days, string canonical)
    {
        var term = Term.Parse(text);
        Assert.Equal((kind, days, canonical), (term.Kind, term.Days, term.ToString()));
    }

    [Theory]
    [InlineData("PT2M", 120, "PT2M")]
    [InlineData("PT1H", 3600, "PT1H")]
    [InlineData("PT1H30M", 5400, "PT1H30M")]
    [InlineData("PT45S", 45, "PT45S")]
    [InlineData("PT36H", 129600, "PT36H")]
    public void Time_terms_are_exact_durations(string text, int seconds, string canonical)
    {
        var term = Term.Parse(text);
        Assert.Equal((TermKind.Exact, TimeSpan.FromSeconds(seconds), canonical), (term.Kind, term.Duration, term.ToString()));
    }

    [Theory]
    [InlineData("P1M", "mesi")]
    [InlineData("P1Y", "mesi e anni")]
    [InlineData("P1Y2M10D", "mesi e anni")]
    [InlineData("P0D", "tra 1 e")]
    [InlineData("0WD", "tra 1 e")]
    [InlineData("PT0S", "positiva")]
    [InlineData("-P5D", "positivo")]
    [InlineData("P-5D", "positivo")]
    [InlineData("P5000D", "tra 1 e")]
    [InlineData("P2W", "giorni di calendario")]
    [InlineData("P1DT2H", "giorni di calendario")]
    [InlineData("PT", "giorni di calendario")]
    [InlineData("30", "giorni di calendario")]
    [InlineData("trenta giorni", "giorni di calendario")]
    public void Anything_else_is_refused_naming_the_term_field(string text, string explanation)
    {
        var error = Assert.Throws<TermValidationException>(() => Term.Parse(text));
        Assert.Equal("term", error.Field);
        Assert.Contains(explanation, error.Message);
    }
}
