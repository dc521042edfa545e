
namespace CaseFlow.Tests.Terms;

public class DueDateCalculatorTests
{
    internal static DueDateResult Compute(DueDateCase row)
    {
        var calendar = TestAgencies.Calendars.For(row.Agency);
        if (row.PatronDay is not null)
        {
            Assert.True(PatronDay.TryParse(row.PatronDay, out var patron));
            calendar = calendar with { PatronDay = patron };
        }

        return DueDateCalculator.Compute(
            DueDateQuery.ParseInstant(row.ReceivedAt, "receivedAt"),
            Term.Parse(row.Term),
            calendar,
            row.ClockEvents,
            row.AllowMultipleSuspensions);
    }

    [Theory]
    [MemberData(nameof(DueDateTable.Names), MemberType = typeof(DueDateTable))]
    public void The_due_date_and_its_moves_match_the_hand_computed_table(string name)
    {
        var row = DueDateTable.Cases[name];

        var result = Compute(row);

        Assert.Equal(DateOnly.Parse(row.DueDate), result.DueDate);
        Assert.Equal(row.Moves, result.Moves.Select(m => m.Code));
        Assert.Equal(row.Suspended, result.Suspended);
        if (row.DueAt is not null)
        {
            Assert.Equal(DateTimeOffset.Parse(row.DueAt), result.DueAt);
            Assert.Equal(DateTimeOffset.Parse(row.DueAt).Offset, result.DueAt.Offset);
        }
    }

    [Theory]
    [InlineData("2026-11-02", "2026-12-02T23:59:59.9999999+01:00")] // winter: CET
    [InlineData("2026-06-01", "2026-07-01T23:59:59.9999999+02:00")] // summer: CEST
    public void A_day_term_ends_at_the_last_instant_of_its_day_in_rome(string receivedAt, string dueAt)
    {
        var result = DueDateCalculator.Compute(RomeTime.StartOf(DateOnly.Parse(receivedAt)), Term.Parse("P30D"), AgencyCalendar.National, []);

        Assert.Equal(DateTimeOffset.Parse(dueAt), result.DueAt);
        Assert.Equal(DateTimeOffset.Parse(dueAt).Offset, result.DueAt.Offset);
    }

    [Fact]
    public void Each_move_carries_an_italian_reason()
    {
        var christmas = Compute(DueDateTable.Cases["ends on Christmas: Natale, Santo Stefano and Sunday roll to 28 Dec"]);
        Assert.Equal(
            [
                new ClockMove(new DateOnly(2026, 12, 25), "holiday", "festività: Natale"),
                new ClockMove(new DateOnly(2026, 12, 26), "holiday", "festività: Santo Stefano"),
                new ClockMove(new DateOnly(2026, 12, 27), "sunday", "domenica"),
            ],
            christmas.Moves);

        var saturday = Compute(DueDateTable.Cases["ends on a Saturday where the agency rolls Saturdays over: Monday"]);
        Assert.Equal("sabato (configurato dall'ente)", saturday.Moves[0].Reason);

        var suspension = Compute(DueDateTable.Cases["a suspension moves the due date by its calendar days"]);
        Assert.Equal("sospensione dal 10/11/2026 al 20/11/2026 (+10 giorni)", suspension.Moves[0].Reason);

        var capped = Compute(DueDateTable.Cases["a suspension lasts 30 days at most"]);
        Assert.Equal("sospensione dal 10/11/2026 al 10/12/2026, limite di 30 giorni raggiunto (+30 giorni)", capped.Moves[0].Reason);

        var interruption = Compute(DueDateTable.Cases["an interruption restarts the whole term"]);
        Assert.Equal("interruzione: il termine riparte dal 20/11/2026", interruption.Moves[0].Reason);

        var notice = Compute(DueDateTable.Cases["10-bis: runs again 10 days after the observations"]);
        Assert.Equal(
            "preavviso di rigetto del 20/11/2026 (art. 10-bis): osservazioni pervenute il 25/11/2026, il termine riprende il 05/12/2026 (+15 giorni)",
            notice.Moves[0].Reason);

        var working = Compute(DueDateTable.Cases["a suspension of a working-day term moves it by the working days inside"]);
        Assert.EndsWith("(+5 giorni lavorativi)", working.Moves[0].Reason);
    }

    [Fact]
    public void An_open_suspension_says_when_the_cap_ends_it()
    {
        var result = Compute(DueDateTable.Cases["an open suspension is suspended and counted to its cap"]);

        Assert.True(result.Suspended);
        Assert.Equal(new DateOnly(2026, 12, 10), result.ResumesOn);
        Assert.Contains("in corso", result.Moves[0].Reason);
    }

    [Fact]
    public void An_interruption_becomes_the_date_counting_starts_from()
    {
        var result = Compute(DueDateTable.Cases["an interruption restarts the whole term"]);

        Assert.Equal(new DateOnly(2026, 11, 20), result.CountedFrom);
    }

    [Theory]
    [MemberData(nameof(DueDateErrorTable.Names), MemberType = typeof(DueDateErrorTable))]
    public void Events_the_rules_do_not_allow_are_refused_naming_the_field(string name)
    {
        var (row, field) = DueDateErrorTable.Cases[name];

        var error = Assert.Throws<TermValidationException>(() => Compute(row));

        Assert.Equal(field, error.Field);
    }
}
