namespace CaseFlow.Terms;

/// <summary>A national public holiday and its Italian name.</summary>
public sealed record Holiday(DateOnly Date, string Name);
