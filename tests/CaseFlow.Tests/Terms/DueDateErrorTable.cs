
namespace CaseFlow.Tests.Terms;

/// <summary>Clock events the rules refuse, and the field each error names. Receipt 2 Nov 2026, P30D: due 2 Dec.</summary>
public static class DueDateErrorTable
{
    private static DateOnly D(string date) => DateOnly.Parse(date);

    private static DueDateCase Row(params ClockEvent[] events) => new("2026-11-02", "P30D", "", [], events);

    public static readonly IReadOnlyDictionary<string, (DueDateCase Row, string Field)> Cases =
        new Dictionary<string, (DueDateCase, string)>
        {
            ["a second suspension is refused"] = (
                Row(new Suspension(D("2026-11-05"), D("2026-11-08")), new Suspension(D("2026-11-20"), D("2026-11-25"))),
                "suspendedFrom"),
            ["a suspension ending before it starts"] = (Row(new Suspension(D("2026-11-10"), D("2026-11-09"))), "suspendedTo"),
            ["a suspension before receipt"] = (Row(new Suspension(D("2026-11-01"), D("2026-11-05"))), "suspendedFrom"),
            ["a suspension after the term lapsed"] = (Row(new Suspension(D("2026-12-03"), D("2026-12-05"))), "suspendedFrom"),
            ["an interruption while a suspension is open"] = (
                Row(new Suspension(D("2026-11-10")), new Interruption(D("2026-11-20"))),
                "interruptedOn"),
            ["an interruption inside an earlier suspension"] = (
                Row(new Suspension(D("2026-11-10"), D("2026-11-20")), new Interruption(D("2026-11-15"))),
                "interruptedOn"),
            ["an interruption after the term lapsed"] = (Row(new Interruption(D("2026-12-03"))), "interruptedOn"),
            ["observations before the notice of refusal"] = (
                Row(new RefusalNotice(D("2026-11-20"), D("2026-11-19"))),
                "observationsReceived"),
            ["a notice of refusal before receipt"] = (Row(new RefusalNotice(D("2026-10-30"))), "refusalNoticeSent"),
            ["clock events on an exact term"] = (
                new DueDateCase("2026-11-02T10:00:00", "PT2M", "", [], [new Interruption(D("2026-11-02"))]),
                "term"),
        };

    public static TheoryData<string> Names()
    {
        var names = new TheoryData<string>();
        foreach (var name in Cases.Keys)
        {
            names.Add(name);
        }

        return names;
    }
}
