using CaseFlow.ServiceDefaults.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Cases.Tasks;

public sealed record CompleteTask(string? Outcome, string? Note);

public sealed record HandoffTask(string? Office, string? Reason = null);

/// <summary>The HTTP edge of <see cref="TaskWork"/>: <c>/api/tasks/{taskId}/claim|release|handoff|complete</c>.</summary>
public static class TaskEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks/{taskId:guid}").RequireAuthorization(CaseAccess.ReadPolicy).WithTags("Attività d'ufficio");
        group.MapPost("/claim", async (Guid taskId, HttpContext http, TaskWork work, CancellationToken ct) =>
            (await work.ClaimAsync(taskId, http.User, ct)).ToHttp());
        group.MapPost("/release", async (Guid taskId, HttpContext http, TaskWork work, CancellationToken ct) =>
            (await work.ReleaseAsync(taskId, http.User, ct)).ToHttp());
        group.MapPost("/handoff", async (Guid taskId, HandoffTask request, HttpContext http, TaskWork work, CancellationToken ct) =>
            (await work.HandOffAsync(taskId, request.Office, request.Reason, http.User, ct)).ToHttp());
        group.MapPost("/complete", async (Guid taskId, CompleteTask request, HttpContext http, TaskWork work, CancellationToken ct) =>
            (await work.CompleteAsync(taskId, request.Outcome, request.Note, http.User, ct)).ToHttp());
    }
}
