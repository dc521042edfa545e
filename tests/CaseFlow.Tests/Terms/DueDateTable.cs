
namespace CaseFlow.Tests.Terms;

/// <summary>
/// The hand-computed table both the calculator tests and the endpoint tests run. Weekdays worth knowing:
/// 2026-11-02 Mon, 2026-12-02 Wed, 2026-12-07 Mon, 2026-12-25 Fri, 2027-01-01 Fri, 2027-01-02 Sat.
/// </summary>
public static class DueDateTable
{
    private static DateOnly D(string date) => DateOnly.Parse(date);

    public static readonly IReadOnlyDictionary<string, DueDateCase> Cases = new Dictionary<string, DueDateCase>
    {
        // ---- Calendar days and the rollover of the last day ----
        // 2 Nov + 30 = 2 Dec (Wed): nothing to move.
        ["30 days: receipt day not counted, ends on day 30"] = new("2026-11-02", "P30D", "2026-12-02", []),
        // No term: art. 2 c.2 gives 30 days, same as above.
        ["no term given: 30 days by default"] = new("2026-11-02", null, "2026-12-02", []),
        // 25 Nov + 30 = 25 Dec Natale -> 26 Dec Santo Stefano -> 27 Dec Sunday -> 28 Dec Monday.
        ["ends on Christmas: Natale, Santo Stefano and Sunday roll to 28 Dec"] =
            new("2026-11-25", "P30D", "2026-12-28", ["holiday", "holiday", "sunday"]),
        // 2 Dec + 30 = 1 Jan 2027 Capodanno (Fri) -> 2 Jan, a Saturday: stays by default.
        ["ends on new year's day: moves to Saturday 2 Jan"] =
            new("2026-12-02", "P30D", "2027-01-02", ["holiday"]),
        // As above with Saturdays configured: 1 Jan -> 2 Jan Sat -> 3 Jan Sun -> 4 Jan Mon.
        ["ends on new year's day where Saturdays roll over: 4 Jan"] =
            new("2026-12-02", "P30D", "2027-01-04", ["holiday", "saturday", "sunday"], Agency: "ente-sabato"),
        // 5 Feb + 30 = 7 Mar 2026 (Feb has 28 days: 5 Feb + 23 = 28 Feb, + 7 = 7 Mar), a Saturday: stays.
        ["ends on a Saturday: stays by default"] = new("2026-02-05", "P30D", "2026-03-07", []),
        // As above, Saturdays configured: 7 Mar Sat -> 8 Mar Sun -> 9 Mar Mon.
        ["ends on a Saturday where the agency rolls Saturdays over: Monday"] =
            new("2026-02-05", "P30D", "2026-03-09", ["saturday", "sunday"], Agency: "ente-sabato"),
        // 6 Feb + 30 = 8 Mar 2026, a Sunday -> 9 Mar Monday.
        ["ends on a Sunday: next Monday"] = new("2026-02-06", "P30D", "2026-03-09", ["sunday"]),
        // 7 Nov + 30 = 7 Dec (Mon), Sant'Ambrogio in Milan -> 8 Dec Immacolata -> 9 Dec Wed.
        ["ends on the patron saint's day: patron then Immacolata, 9 Dec"] =
            new("2026-11-07", "P30D", "2026-12-09", ["patron", "holiday"], Agency: "comune-milano"),
        // Same date elsewhere: 7 Dec is an ordinary Monday.
        ["another agency's patron day is an ordinary day"] = new("2026-11-07", "P30D", "2026-12-07", []),
        // patronDay=12-07 given in the request instead of an agency: same as Milan.
        ["patron day given with the request"] =
            new("2026-11-07", "P30D", "2026-12-09", ["patron", "holiday"], PatronDay: "12-07"),
        // 15 Jul + 30 = 14 Aug (Fri, closure) -> 15 Aug Ferragosto (Sat) -> 16 Aug Sun -> 17 Aug Mon.
        ["ends on a closure: closure, Ferragosto and Sunday roll to 17 Aug"] =
            new("2026-07-15", "P30D", "2026-08-17", ["closure", "holiday", "sunday"], Agency: "ente-chiusure"),
        // 4 Sep 2025 + 30 = 4 Oct 2025, a Saturday and not yet a holiday: stays.
        ["4 October 2025 is not a holiday"] = new("2025-09-04", "P30D", "2025-10-04", []),
        // 4 Sep 2027 + 30 = 4 Oct 2027 (Mon), San Francesco (L. 151/2025) -> 5 Oct.
        ["4 October 2027 is a holiday"] = new("2027-09-04", "P30D", "2027-10-05", ["holiday"]),
        // 7 Mar 2026 + 30 = 6 Apr 2026 (7 Mar + 24 = 31 Mar, + 6), Easter Monday -> 7 Apr.
        ["ends on Easter Monday in April"] = new("2026-03-07", "P30D", "2026-04-07", ["holiday"]),
        // 27 Feb 2027 + 30 = 29 Mar 2027 (27 Feb + 1 = 28 Feb, + 29), Easter Monday -> 30 Mar.
        ["ends on Easter Monday in March"] = new("2027-02-27", "P30D", "2027-03-30", ["holiday"]),
        // 26 Feb 2027 + 30 = 28 Mar 2027, Easter Sunday -> 29 Mar Easter Monday -> 30 Mar.
        ["ends on Easter Sunday: Sunday then Easter Monday"] =
            new("2027-02-26", "P30D", "2027-03-30", ["sunday", "holiday"]),
        // 3 May 2027 + 30 = 2 Jun 2027 (3 May + 28 = 31 May, + 2), Festa della Repubblica (Wed) -> 3 Jun.
        ["ends on Festa della Repubblica"] = new("2027-05-03", "P30D", "2027-06-03", ["holiday"]),
        // 23:30 UTC on 1 Nov is 00:30 on 2 Nov in Rome (UTC+1): receipt day 2 Nov, due 2 Dec.
        ["receipt instant counted on its date in Rome"] = new("2026-11-01T23:30:00Z", "P30D", "2026-12-02", []),
        // A date-time without offset is Rome time: 2 Nov at 00:30 -> due 2 Dec.
        ["receipt date-time without offset is Rome time"] = new("2026-11-02T00:30:00", "P30D", "2026-12-02", []),
        // An opinion (art. 16, 20 days) asked on 26 Jul: 15 Aug Ferragosto (Sat) -> 16 Aug Sun -> 17 Aug Mon.
        ["a step such as an opinion is counted the same way"] =
            new("2026-07-26", "P20D", "2026-08-17", ["holiday", "sunday"]),

        // ---- Working days (art. 14-bis) ----
        // From Tue 22 Dec: 23 (1), 24 (2), 25 Natale skipped, 26-27 weekend, 28 (3), 29 (4), 30 (5).
        ["5 working days across Christmas"] = new("2026-12-22", "5WD", "2026-12-30", ["holiday"]),
        // From Thu 31 Dec: 1 Jan skipped, weekend, 4 (1), 5 (2), 6 Epifania skipped, 7 (3), 8 (4), weekend, 11 (5).
        ["5 working days across new year and Epiphany"] =
            new("2026-12-31", "5WD", "2027-01-11", ["holiday", "holiday"]),
        // From 22 Dec with the 24 Dec closure: 23 (1), 24 closure, 25 Natale, 28 (2), 29 (3), 30 (4), 31 (5).
        ["working days skip the agency's closures"] =
            new("2026-12-22", "5WD", "2026-12-31", ["closure", "holiday"], Agency: "ente-chiusure"),
        // Received Friday 6 Mar 2026: Saturday and Sunday are not working days -> Monday 9 Mar.
        ["1 working day from a Friday is the Monday"] = new("2026-03-06", "1WD", "2026-03-09", []),

        // ---- Suspension (art. 2 c.7) ----
        // Due 2 Dec; stopped 10 Nov -> 20 Nov: +10 -> 12 Dec, a Saturday: stays.
        ["a suspension moves the due date by its calendar days"] =
            new("2026-11-02", "P30D", "2026-12-12", ["suspension"],
                [new Suspension(D("2026-11-10"), D("2026-11-20"))]),
        // Unrolled 25 Dec; stopped 1 -> 4 Dec: +3 -> 28 Dec (Mon). Rolling first (28 Dec) then adding 3 would give 31 Dec.
        ["the rollover applies only to the final date"] =
            new("2026-11-25", "P30D", "2026-12-28", ["suspension"],
                [new Suspension(D("2026-12-01"), D("2026-12-04"))]),
        // Due 2 Dec; stopped 10 Nov, documents 20 Dec (40 days) -> capped at 30: 1 Jan Capodanno -> 2 Jan (Sat).
        ["a suspension lasts 30 days at most"] =
            new("2026-11-02", "P30D", "2027-01-02", ["suspension", "holiday"],
                [new Suspension(D("2026-11-10"), D("2026-12-20"))]),
        // Still suspended since 10 Nov: as if it resumes at the cap, 10 Dec: 2 Dec + 30 = 1 Jan -> 2 Jan.
        ["an open suspension is suspended and counted to its cap"] =
            new("2026-11-02", "P30D", "2027-01-02", ["suspension", "holiday"],
                [new Suspension(D("2026-11-10"))], Suspended: true),
        // Where a sector law allows more: +3 (5 -> 8 Nov) and +5 (20 -> 25 Nov): 2 Dec + 8 = 10 Dec (Thu).
        ["several suspensions add up where allowed"] =
            new("2026-11-02", "P30D", "2026-12-10", ["suspension", "suspension"],
                [new Suspension(D("2026-11-20"), D("2026-11-25")), new Suspension(D("2026-11-05"), D("2026-11-08"))],
                AllowMultipleSuspensions: true),
        // Unrolled 25 Dec, rolled 28 Dec; stopped on 28 Dec until 5 Jan (+8) counts from 28 Dec: 5 Jan (Tue).
        ["a suspension on the rolled-over last day counts from that day"] =
            new("2026-11-25", "P30D", "2027-01-05", ["suspension"],
                [new Suspension(D("2026-12-28"), D("2027-01-05"))]),
        // 10WD from Mon 2 Nov: 3,4,5,6,9,10 (6 counted by the 10th), stopped until 17 Nov, then 18,19,20,23 -> 23 Nov.
        ["a suspension of a working-day term moves it by the working days inside"] =
            new("2026-11-02", "10WD", "2026-11-23", ["suspension"],
                [new Suspension(D("2026-11-10"), D("2026-11-17"))]),
        // 5WD from Wed 25 Nov: 26 Nov (1) counted; open suspension from 26 Nov, cap 26 Dec; then 28, 29, 30, 31 Dec.
        // The shift skips 8 Dec and 25 Dec, listed after the suspension that caused it.
        ["an open suspension of a working-day term resumes at the cap"] =
            new("2026-11-25T10:00:00+01:00", "5WD", "2026-12-31", ["suspension", "holiday", "holiday"],
                [new Suspension(D("2026-11-26"))], Suspended: true),

        // ---- Interruption ----
        // Interrupted 20 Nov: 20 Nov + 30 = 20 Dec, a Sunday -> 21 Dec.
        ["an interruption restarts the whole term"] =
            new("2026-11-02", "P30D", "2026-12-21", ["interruption", "sunday"],
                [new Interruption(D("2026-11-20"))]),
        // The earlier suspension no longer matters once the term restarts: still 21 Dec.
        ["an interruption wipes an earlier suspension"] =
            new("2026-11-02", "P30D", "2026-12-21", ["interruption", "sunday"],
                [new Suspension(D("2026-11-05"), D("2026-11-10")), new Interruption(D("2026-11-20"))]),
        // 5WD restarting on Mon 7 Dec: 8 Immacolata skipped, 9 (1), 10 (2), 11 (3), 14 (4), 15 (5).
        ["an interruption restarts a working-day term"] =
            new("2026-12-01", "5WD", "2026-12-15", ["interruption", "holiday"],
                [new Interruption(D("2026-12-07"))]),

        // ---- Notice of refusal (art. 10-bis) ----
        // Due 2 Dec; notice 20 Nov, observations 25 Nov -> runs again 5 Dec: +15 -> 17 Dec (Thu).
        ["10-bis: runs again 10 days after the observations"] =
            new("2026-11-02", "P30D", "2026-12-17", ["refusal-notice"],
                [new RefusalNotice(D("2026-11-20"), D("2026-11-25"))]),
        // No observations: runs again when the 10 days lapse, 30 Nov: +10 -> 12 Dec (Sat).
        ["10-bis: runs again when the 10 days lapse without observations"] =
            new("2026-11-02", "P30D", "2026-12-12", ["refusal-notice"],
                [new RefusalNotice(D("2026-11-20"))]),
        // Observations on 3 Dec, after the 10 days (30 Nov): late, the clock ran again on 30 Nov -> 12 Dec.
        ["10-bis: late observations do not stop the clock again"] =
            new("2026-11-02", "P30D", "2026-12-12", ["refusal-notice"],
                [new RefusalNotice(D("2026-11-20"), D("2026-12-03"))]),
        // A suspension (+3) and a notice (+15) together: not a second suspension. 2 Dec + 18 = 20 Dec Sun -> 21 Dec.
        ["10-bis does not count as the one suspension"] =
            new("2026-11-02", "P30D", "2026-12-21", ["suspension", "refusal-notice", "sunday"],
                [new Suspension(D("2026-11-05"), D("2026-11-08")), new RefusalNotice(D("2026-11-20"), D("2026-11-25"))]),

        // ---- Exact terms (demos) ----
        // 10:00 + 2 minutes = 10:02 the same day.
        ["PT2M counts two minutes from the receipt instant"] =
            new("2026-12-05T10:00:00+01:00", "PT2M", "2026-12-05", [], DueAt: "2026-12-05T10:02:00+01:00"),
        // 23:59 on Christmas Eve + 2 minutes = 00:01 on Christmas Day: no rollover for exact terms.
        ["PT2M ends on a holiday without rollover"] =
            new("2026-12-24T23:59:00", "PT2M", "2026-12-25", [], DueAt: "2026-12-25T00:01:00+01:00"),
        // 01:30 CET on 29 Mar 2026 + 1 hour: clocks jump 02:00 -> 03:00, so 03:30 CEST.
        ["PT1H across the spring clock change is one real hour"] =
            new("2026-03-29T01:30:00", "PT1H", "2026-03-29", [], DueAt: "2026-03-29T03:30:00+02:00"),
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
