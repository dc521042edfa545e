using System.Text.Json.Nodes;
using CaseFlow.ServiceDefaults.Http;
using CaseFlow.Workflows.Activities;
using CaseFlow.Workflows.ElsaApi.WorkflowInstances;
using CaseFlow.Workflows.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Workflows.ElsaApi.Bookmarks;

/// <summary>
/// Elsa's GET or POST /bookmarks/resume?t=&lt;token&gt;: anonymous, the token is the credential (as in Elsa). POST takes
/// <c>{"input": {…}}</c>, GET takes <c>?in=&lt;json&gt;</c>. CaseFlow resumes synchronously even with <c>async=true</c>.
/// 200 empty; 400 for a bad token or rejected input; 409 once the bookmark was consumed.
/// </summary>
internal static class ResumeByToken
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapMethods("/bookmarks/resume", [HttpMethods.Get, HttpMethods.Post], Handle).AllowAnonymous().WithName("ElsaResumeBookmarkByToken");

    private static async Task<IResult> Handle(HttpRequest request, string? t, string? @in, ResumeTokens tokens, WorkflowRuntime runtime, ActivityRegistry registry,
        Npgsql.NpgsqlDataSource dataSource, Protection.IProtectedInstances protectedInstances, CancellationToken ct)
    {
        if (!tokens.TryRead(t, out var instanceId, out var bookmarkId))
        {
            return Problems.Validation("t", "The resume token is not valid.");
        }

        // A case moves only through the case API; a token (handed to a designer before) must not move it either.
        if ((await Protection.InstanceRoots.ProtectedAsync(dataSource, protectedInstances, [instanceId], ct)).Count > 0)
        {
            return Protection.InstanceGuard.Forbidden(instanceId);
        }

        // People's work goes through the module that checks who acts and records it (the desk's case API):
        // an anonymous token must not complete an office task or declare a citizen's documents received. A wait on a child
        // instance is resumed by the runtime when the child finishes, never from outside.
        await using (var command = dataSource.CreateCommand("SELECT CASE WHEN payload->>'$kind' = 'ChildWorkflow' THEN 'Elsa.WorkflowDefinitionActivity' ELSE activity_type END FROM workflow_bookmarks WHERE id = @id"))
        {
            command.Parameters.AddWithValue("id", bookmarkId);
            if (await command.ExecuteScalarAsync(ct) is string type && registry.Find(type) is { ResumableByToken: false })
            {
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, type: "https://caseflow.example/problems/forbidden",
                    title: "Resume this step through the case API.",
                    detail: $"{type} steps are completed through the case API (/api/tasks/{{taskId}}/complete, the case's integration and observations endpoints), not with a token.",
                    extensions: new Dictionary<string, object?> { ["field"] = "t" });
            }
        }

        JsonObject? input;
        try
        {
            input = HttpMethods.IsPost(request.Method) ? await Resume.ReadInputAsync(request, ct) : string.IsNullOrWhiteSpace(@in) ? null : JsonNode.Parse(@in) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return Problems.Validation("in", "The input must be a JSON object.");
        }

        await runtime.ResumeAsync(instanceId, bookmarkId, input, ct);
        return Results.Ok();
    }
}
