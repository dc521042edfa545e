namespace CaseFlow.ServiceDefaults.Access;

/// <summary>Claim types of CaseFlow's own.</summary>
public static class CaseFlowClaims
{
    /// <summary>An office the user works in (one claim per office); officers see the cases of these offices.</summary>
    public const string Office = "office";
}
