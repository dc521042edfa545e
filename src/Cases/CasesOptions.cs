namespace CaseFlow.Cases;

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

    /// <summary>Where citizens reach CaseFlow; links in emails (tracking page) start with it.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>The desk that signs the citizen's emails.</summary>
    public string DeskName { get; set; } = "Sportello polifunzionale del Comune di Limbiate";

    /// <summary>Who holds the substitute power (art. 2 c.9-bis L. 241/1990), named in the notice of start.</summary>
    public string SubstituteAuthority { get; set; } = "Il Segretario generale del Comune di Limbiate";

    /// <summary>The satisfaction survey linked from the final act's email.</summary>
    public string SurveyUrl { get; set; } = "http://localhost:5080/valuta";

    /// <summary>
    /// How many days before its registration an application may be dated (a deferred registration, e.g. post opened
    /// late); older receipt dates are refused, as they could make a term lapse at once.
    /// </summary>
    public int MaxReceiptBackdatingDays { get; set; } = 30;

    /// <summary>Tracking-page requests allowed per client address per minute.</summary>
    public int TrackingRequestsPerMinute { get; set; } = 30;
}
