namespace CaseFlow.ServiceDefaults.Outcomes;

/// <summary>Why a use case refused a request, whatever the edge that asked (an endpoint, a page, a job).</summary>
public enum ProblemKind
{
    Validation,
    NotFound,
    Forbidden,
    Conflict,
    Unprocessable,
}

/// <summary>A refusal with the field at fault and a message a person can read (Italian first, then English).</summary>
public sealed record Problem(ProblemKind Kind, string Field, string Message, string? Type = null)
{
    /// <summary>For a form refused on several fields: every field's problem (this one first), so a page can show each beside its field.</summary>
    public IReadOnlyList<Problem> Details { get; init; } = [];

    /// <summary>This problem and its details, one per field.</summary>
    public IEnumerable<Problem> All => Details.Count > 0 ? Details : [this];

    public static Problem Validation(string field, string message) => new(ProblemKind.Validation, field, message);

    public static Problem NotFound(string field, string message) => new(ProblemKind.NotFound, field, message);

    public static Problem Forbidden(string field, string message) => new(ProblemKind.Forbidden, field, message);

    public static Problem Conflict(string field, string message) => new(ProblemKind.Conflict, field, message);
}
