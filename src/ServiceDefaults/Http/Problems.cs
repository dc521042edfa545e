using Microsoft.AspNetCore.Http;

namespace CaseFlow.ServiceDefaults.Http;

/// <summary>RFC 9457 problem details with a stable <c>type</c> and the field at fault.</summary>
public static class Problems
{
    public static IResult Validation(string field, string message) =>
        Results.ValidationProblem(
            new Dictionary<string, string[]> { [field] = [message] },
            detail: message,
            type: "https://caseflow.example/problems/validation",
            title: "The request is not valid.");

    public static IResult NotFound(string field, string message) =>
        Results.Problem(
            statusCode: StatusCodes.Status404NotFound,
            type: "https://caseflow.example/problems/not-found",
            title: "Not found.",
            detail: message,
            extensions: new Dictionary<string, object?> { ["field"] = field });
}
