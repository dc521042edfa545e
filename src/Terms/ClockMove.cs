namespace CaseFlow.Terms;

/// <summary>Why the due date moved: a stable <see cref="Code"/> for machines and an Italian <see cref="Reason"/> for operators.</summary>
public sealed record ClockMove(DateOnly Date, string Code, string Reason);

/// <summary>The stable codes of <see cref="ClockMove"/>.</summary>
public static class MoveCodes
{
    public const string Sunday = "sunday";
    public const string Saturday = "saturday";
    public const string Holiday = "holiday";
    public const string Patron = "patron";
    public const string Closure = "closure";
    public const string Suspension = "suspension";
    public const string Interruption = "interruption";
    public const string RefusalNotice = "refusal-notice";
}
