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
    public static Problem Validation(string field, string message) => new(ProblemKind.Validation, field, message);

    public static Problem NotFound(string field, string message) => new(ProblemKind.NotFound, field, message);

    public static Problem Forbidden(string field, string message) => new(ProblemKind.Forbidden, field, message);

    public static Problem Conflict(string field, string message) => new(ProblemKind.Conflict, field, message);
}
