namespace CaseFlow.Terms;

/// <summary>The <c>Terms</c> section: each agency's calendar, keyed by agency id.</summary>
public sealed class TermsOptions
{
    public const string Section = "Terms";

    public Dictionary<string, AgencyCalendarOptions> Agencies { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary><c>Terms:Agencies:&lt;agencyId&gt;</c>.</summary>
public sealed class AgencyCalendarOptions
{
    /// <summary>The patron saint's day, "MM-DD".</summary>
    public string? PatronDay { get; set; }

    /// <summary>A term ending on a Saturday moves to the next working day.</summary>
    public bool SaturdayRollsOver { get; set; }

    /// <summary>Extraordinary closures, "YYYY-MM-DD".</summary>
    public List<string> Closures { get; set; } = [];
}
