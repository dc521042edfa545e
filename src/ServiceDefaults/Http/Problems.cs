using Microsoft.AspNetCore.Http;

namespace CaseFlow.ServiceDefaults.Http;

/// <summary>RFC 9457 problem details with a stable <c>type</c> and the field at fault: every problem type CaseFlow answers.</summary>
public static class Problems
{
    public const string TypeBase = "https://caseflow.example/problems/";

    public static IResult Validation(string field, string message, IDictionary<string, string[]>? errors = null) =>
        Results.ValidationProblem(
            errors ?? new Dictionary<string, string[]> { [field] = [message] },
            detail: message,
            type: TypeBase + "validation",
            title: "The request is not valid.");

    public static IResult NotFound(string field, string message) => Of(StatusCodes.Status404NotFound, "not-found", "Not found.", field, message);

    public static IResult Conflict(string field, string message) => Of(StatusCodes.Status409Conflict, "conflict", "Conflitto. / Conflict.", field, message);

    public static IResult Forbidden(string field, string message) => Of(StatusCodes.Status403Forbidden, "forbidden", "Non consentito. / Forbidden.", field, message);

    public static IResult Unprocessable(string field, string message) =>
        Of(StatusCodes.Status422UnprocessableEntity, "unprocessable", "Richiesta non eseguibile. / Unprocessable request.", field, message);

    public static IResult Of(int status, string type, string title, string field, string? detail) =>
        Results.Problem(statusCode: status, type: TypeBase + type, title: title, detail: detail,
            extensions: new Dictionary<string, object?> { ["field"] = field });
}
