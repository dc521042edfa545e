namespace CaseFlow.Cases.Drafts;

/// <summary>Settings under <c>Citizens</c>: the online desk.</summary>
public sealed class CitizensOptions
{
    public const string Section = "Citizens";

    /// <summary>Days a draft application is kept after it was last saved; the retention sweep deletes it after that.</summary>
    public int DraftLifetimeDays { get; set; } = 30;

    /// <summary>Files a draft may carry.</summary>
    public int MaxDraftFiles { get; set; } = 10;
}
