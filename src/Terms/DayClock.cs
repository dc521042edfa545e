using static CaseFlow.Terms.ItalianText;

namespace CaseFlow.Terms;

/// <summary>The running count of a day term: the unrolled last day, moved by each event in date order.</summary>
internal sealed class DayClock
{
    private readonly Term term;
    private readonly AgencyCalendar calendar;
    private readonly DateOnly receivedOn;
    private readonly bool allowMultipleSuspensions;
    private readonly List<ClockMove> moves = [];
    private DateOnly countedFrom;
    private DateOnly end;
    private DateOnly stoppedUntil;
    private DateOnly? resumesOn; // set while a suspension is open: nothing else can happen until it ends
    private int suspensions;

    public DayClock(Term term, AgencyCalendar calendar, DateOnly receivedOn, bool allowMultipleSuspensions)
    {
        this.term = term;
        this.calendar = calendar;
        this.receivedOn = receivedOn;
        this.allowMultipleSuspensions = allowMultipleSuspensions;
        countedFrom = stoppedUntil = receivedOn;
        end = CountFrom(receivedOn);
    }

    public void Apply(ClockEvent clockEvent)
    {
        switch (clockEvent)
        {
            case Suspension suspension:
                Suspend(suspension);
                break;
            case Interruption interruption:
                Interrupt(interruption);
                break;
            case RefusalNotice notice:
                NoticeRefusal(notice);
                break;
        }
    }

    public DueDateResult Finish(DateTimeOffset receivedAt)
    {
        var due = end;
        // Art. 2963 c.c. by analogy: only the last day rolls over; working-day terms always end on a working day.
        while (term.Kind == TermKind.CalendarDays && calendar.MovesDeadline(due, out var move))
        {
            moves.Add(move);
            due = due.AddDays(1);
        }

        return new DueDateResult(term, receivedAt, countedFrom, due, RomeTime.EndOf(due), resumesOn is not null, resumesOn, moves.ToList());
    }

    private void Suspend(Suspension suspension)
    {
        CheckRunning(suspension.From, "suspendedFrom");
        if (suspension.To < suspension.From)
        {
            throw new TermValidationException("suspendedTo",
                $"La sospensione non può finire il {Date(suspension.To.Value)}, prima di iniziare il {Date(suspension.From)}. / A suspension cannot end before it starts.");
        }

        if (++suspensions > 1 && !allowMultipleSuspensions)
        {
            throw new TermValidationException("suspendedFrom",
                $"La sospensione dal {Date(suspension.From)} è la seconda: l'art. 2 c.7 L. 241/1990 ne ammette una sola per procedimento. / Only one suspension per procedure is allowed (allowMultipleSuspensions where a sector law permits more).");
        }

        var cap = suspension.From.AddDays(Suspension.MaxDays);
        var resume = suspension.To is { } arrived && arrived < cap ? arrived : cap;
        var at = moves.Count;
        var shift = Stop(suspension.From, resume);
        var from = Date(suspension.From);
        var reason = suspension.To switch
        {
            null => $"sospensione dal {from}, in corso: il termine riprende al più tardi il {Date(cap)} ({shift})",
            var to when to > cap => $"sospensione dal {from} al {Date(cap)}, limite di 30 giorni raggiunto ({shift})",
            var to => $"sospensione dal {from} al {Date(to.Value)} ({shift})",
        };
        // Before the holidays the shift skipped: the suspension is what moved the date first.
        moves.Insert(at, new ClockMove(suspension.From, MoveCodes.Suspension, reason));
        if (suspension.To is null)
        {
            resumesOn = cap;
        }
    }

    private void Interrupt(Interruption interruption)
    {
        CheckRunning(interruption.On, "interruptedOn");
        // The term starts over: what moved it before no longer explains the new date.
        moves.Clear();
        moves.Add(new ClockMove(interruption.On, MoveCodes.Interruption, $"interruzione: il termine riparte dal {Date(interruption.On)}"));
        countedFrom = stoppedUntil = interruption.On;
        end = CountFrom(interruption.On);
    }

    private void NoticeRefusal(RefusalNotice notice)
    {
        CheckRunning(notice.Sent, "refusalNoticeSent");
        if (notice.ObservationsReceived < notice.Sent)
        {
            throw new TermValidationException("observationsReceived",
                $"Le osservazioni non possono arrivare il {Date(notice.ObservationsReceived.Value)}, prima del preavviso del {Date(notice.Sent)}. / Observations cannot arrive before the notice.");
        }

        var resume = notice.ResumesOn;
        var what = notice.ObservationsReceived switch
        {
            null => $"senza osservazioni il termine riprende il {Date(resume)}",
            var o when o <= notice.ObservationsDue => $"osservazioni pervenute il {Date(o.Value)}, il termine riprende il {Date(resume)}",
            // Observations after the 10 days are late: the clock already ran again when the 10 days lapsed.
            var o => $"osservazioni pervenute il {Date(o.Value)}, oltre i 10 giorni: il termine riprende il {Date(resume)}",
        };
        var at = moves.Count;
        var shift = Stop(notice.Sent, resume);
        moves.Insert(at, new ClockMove(notice.Sent, MoveCodes.RefusalNotice, $"preavviso di rigetto del {Date(notice.Sent)} (art. 10-bis): {what} ({shift})"));
    }

    /// <summary>Stops the clock from <paramref name="from"/> until it runs again on <paramref name="resume"/>.</summary>
    private string Stop(DateOnly from, DateOnly resume)
    {
        stoppedUntil = resume;
        if (term.Kind == TermKind.WorkingDays)
        {
            var lost = 0;
            for (var day = from.AddDays(1); day <= resume; day = day.AddDays(1))
            {
                lost += calendar.IsWorkingDay(day) ? 1 : 0;
            }

            end = AddWorkingDays(end, lost);
            return WorkingDays(lost);
        }

        var days = resume.DayNumber - from.DayNumber;
        // A stop on a rollover day (after the unrolled end, the term still open) counts from that day.
        end = (from > end ? from : end).AddDays(days);
        return Days(days);
    }

    private void CheckRunning(DateOnly date, string field)
    {
        if (resumesOn is { } open)
        {
            throw new TermValidationException(field,
                $"Il termine è ancora sospeso (ripresa al più tardi il {Date(open)}): registrare prima la fine della sospensione. / The clock is still stopped: record the end of the suspension first.");
        }

        if (date < countedFrom)
        {
            var since = countedFrom == receivedOn ? "la ricezione" : "l'ultima interruzione";
            throw new TermValidationException(field, $"La data {Date(date)} precede {since} del {Date(countedFrom)}. / The date is before the term started.");
        }

        if (date < stoppedUntil)
        {
            throw new TermValidationException(field,
                $"La data {Date(date)} cade in una sospensione già registrata, che termina il {Date(stoppedUntil)}. / The date falls within an earlier stop of the clock.");
        }

        var lastDay = Rolled(end);
        if (date > lastDay)
        {
            throw new TermValidationException(field, $"Il termine era già scaduto il {Date(lastDay)}. / The term had already lapsed.");
        }
    }

    private DateOnly CountFrom(DateOnly start) =>
        term.Kind == TermKind.WorkingDays ? AddWorkingDays(start, term.Days) : start.AddDays(term.Days);

    /// <summary>The <paramref name="count"/>th working day after <paramref name="from"/>, noting the weekday holidays skipped.</summary>
    private DateOnly AddWorkingDays(DateOnly from, int count)
    {
        var day = from;
        while (count > 0)
        {
            day = day.AddDays(1);
            if (calendar.IsWorkingDay(day))
            {
                count--;
            }
            else if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && calendar.IsHoliday(day, out var holiday))
            {
                moves.Add(holiday);
            }
        }

        return day;
    }

    private DateOnly Rolled(DateOnly day)
    {
        while (term.Kind == TermKind.CalendarDays && calendar.MovesDeadline(day, out _))
        {
            day = day.AddDays(1);
        }

        return day;
    }
}
