namespace CaseFlow.Workflows.Cases;

/// <summary>Settings under <c>Cases</c>.</summary>
public sealed class CasesOptions
{
    public const string Section = "Cases";

    /// <summary>A task due within this many days is flagged "due soon".</summary>
    public int DueSoonDays { get; set; } = 3;

    /// <summary>Largest document upload, in bytes (10 MB by default).</summary>
    public long MaxDocumentBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Intakes running their first workflow step at once in this host; more wait their turn without a connection.</summary>
    public int MaxConcurrentIntakes { get; set; } = 8;

    /// <summary>Tracking-page requests allowed per client address per minute.</summary>
    public int TrackingRequestsPerMinute { get; set; } = 30;
}
