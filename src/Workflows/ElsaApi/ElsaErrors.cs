using CaseFlow.ServiceDefaults.Http;
using CaseFlow.Workflows.Definitions;
using CaseFlow.Workflows.Runtime;
using Microsoft.AspNetCore.Http;

namespace CaseFlow.Workflows.ElsaApi;

/// <summary>Turns the runtime's exceptions into RFC 9457 problems, the same way for every Elsa endpoint.</summary>
internal sealed class ElsaErrors : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (DefinitionValidationException invalid)
        {
            return Invalid(invalid);
        }
        catch (DefinitionConflictException conflict)
        {
            return Conflict(conflict.Field, conflict.Message, "The save conflicts with a stored definition version.");
        }
        catch (WorkflowNotFoundException missing)
        {
            return Problems.NotFound("id", missing.Message);
        }
        catch (BookmarkNotFoundException gone)
        {
            return Conflict("bookmarkId", gone.Message);
        }
        catch (InstanceStateConflictException conflict)
        {
            return Conflict("id", conflict.Message);
        }
        catch (ResumeRejectedException rejected)
        {
            return Problems.Validation(rejected.Field, rejected.Message);
        }
    }

    /// <summary>
    /// Elsa Studio shows a red toast only for a 400 whose body has <c>errors</c>: keys are the activity ids (or the
    /// JSON path when no activity is at fault), values the messages.
    /// </summary>
    public static IResult Invalid(DefinitionValidationException invalid)
    {
        var errors = invalid.Errors
            .GroupBy(e => e.ActivityId ?? e.Path)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ActivityId is null ? e.Message : $"{e.Path}: {e.Message}").ToArray());
        return Results.ValidationProblem(errors,
            detail: string.Join(" ", invalid.Errors.Select(e => e.ToString())),
            type: "https://caseflow.example/problems/invalid-workflow-definition",
            title: "The workflow definition is not valid.");
    }

    public static IResult Conflict(string field, string message, string title = "The request conflicts with the instance's state.") =>
        Results.Problem(
            statusCode: StatusCodes.Status409Conflict,
            type: "https://caseflow.example/problems/conflict",
            title: title,
            detail: message,
            extensions: new Dictionary<string, object?> { ["field"] = field });
}
