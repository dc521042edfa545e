using CaseFlow.ServiceDefaults.Outcomes;
using Microsoft.AspNetCore.Http;

namespace CaseFlow.ServiceDefaults.Http;

/// <summary>The HTTP edge of a use case: its result as 200/201, its <see cref="Problem"/> as RFC 9457 problem details.</summary>
public static class ProblemResults
{
    public static IResult ToHttp(this Problem problem) => problem.Kind switch
    {
        ProblemKind.Validation when problem.Details.Count > 1 => Problems.Validation(problem.Field, problem.Message,
            problem.Details.GroupBy(d => d.Field).ToDictionary(g => g.Key, g => g.Select(d => d.Message).ToArray())),
        ProblemKind.Validation => Problems.Validation(problem.Field, problem.Message),
        ProblemKind.NotFound => Problems.NotFound(problem.Field, problem.Message),
        ProblemKind.Forbidden => Problems.Forbidden(problem.Field, problem.Message),
        ProblemKind.Conflict => Problems.Conflict(problem.Field, problem.Message),
        _ => Problems.Of(StatusCodes.Status422UnprocessableEntity, problem.Type ?? "unprocessable", "Richiesta non eseguibile. / Unprocessable request.",
            problem.Field, problem.Message),
    };

    public static IResult ToHttp<T>(this Outcome<T> outcome, Func<T, IResult>? ok = null) =>
        outcome.Succeeded ? ok?.Invoke(outcome.Value) ?? Results.Ok(outcome.Value) : outcome.Problem.ToHttp();
}
