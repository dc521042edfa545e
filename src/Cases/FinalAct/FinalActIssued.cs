namespace CaseFlow.Cases.FinalAct;

/// <summary>The flow issued the procedure's final act: <paramref name="Outcome"/> is <c>granted</c> or <c>denied</c>.</summary>
public sealed record FinalActIssued(string Outcome, string? Text);
