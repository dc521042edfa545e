namespace CaseFlow.Workflows.Activities;

/// <summary>The toolbox groups of the designer, in Italian as operators read them.</summary>
public static class Categories
{
    public const string Flow = "Flusso";
    public const string Desk = "Sportello";
    public const string BackOffice = "Back office";
    public const string Terms = "Termini";
    public const string Communications = "Comunicazioni";

    /// <summary>Elsa's "Primitives" (events between instances).</summary>
    public const string Primitives = "Primitive";

    /// <summary>Elsa's "HTTP": calls to other administrations' systems.</summary>
    public const string Http = "HTTP";
}
