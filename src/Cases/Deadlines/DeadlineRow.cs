namespace CaseFlow.Cases.Deadlines;

/// <summary>A deadline row being fired, locked in the firing transaction.</summary>
internal sealed record DeadlineRow(Guid Id, Guid CaseId, Guid ProcedureId, Guid? TaskId, string Action, string Office, DateTimeOffset TargetDue);

/// <summary>What the row is about, as locked: the step (due date and open) or else the procedure, and the procedure's facts.</summary>
internal sealed record DeadlineTarget(bool Open, DateTimeOffset DueAt, string Agency, bool SilenceAssent, string InstanceId, string Name, DateTimeOffset ReceivedAt,
    string Term, bool UnderSubstitute);
