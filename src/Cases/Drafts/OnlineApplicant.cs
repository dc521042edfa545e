namespace CaseFlow.Cases.Drafts;

/// <summary>The person applying online, as their digital identity (SPID/CIE) gives them; the company when they act for one.</summary>
public sealed record OnlineApplicant(string FiscalCode, string GivenName, string FamilyName, string? Email, string? Phone, string? CompanyName, string? CompanyVat)
{
    public string DisplayName => $"{GivenName} {FamilyName}".Trim();
}
