namespace CaseFlow.Cases.Retention;

/// <summary>
/// Settings under <c>Retention</c>: how long the desk keeps personal data. The protocol register and the audit trail
/// are archival records the law requires (DPR 445/2000, D.Lgs. 42/2004) and are never removed; a closed case keeps
/// its procedures, dates, outcomes and protocol numbers, without the citizen's personal data.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Days after a case closed before its personal data is erased (0: never). Ten years by default.</summary>
    public int ClosedCaseDays { get; set; } = 3650;

    /// <summary>Days the record of who read which case is kept.</summary>
    public int ReadAuditDays { get; set; } = 730;

    /// <summary>Days an idempotency key (with the intake's answer) is kept.</summary>
    public int IdempotencyDays { get; set; } = 7;

    /// <summary>When the <c>data-retention</c> job runs (cron, Europe/Rome).</summary>
    public string Cron { get; set; } = "30 3 * * *";
}
