using System.Security.Claims;
using System.Text.Json.Nodes;
using CaseFlow.Workflows.ElsaApi.Protection;
using CaseFlow.Workflows.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Workflows.ElsaApi.WorkflowInstances;

/// <summary>
/// CaseFlow's POST /workflow-instances/{id}/bookmarks/{bookmarkId}/resume: the body is the resume input (e.g.
/// <c>{"outcome": "Approvato"}</c>; Elsa's <c>{"input": {…}}</c> wrapper is accepted too). 200 with the snapshot,
/// 409 when the bookmark was already consumed, 400 naming the field when the activity rejects the input, 403 when a
/// designer tries it on an instance that carries a case.
/// </summary>
internal static class Resume
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/workflow-instances/{id}/bookmarks/{bookmarkId}/resume", Handle).WithName("CaseFlowResumeBookmark");

    private static async Task<IResult> Handle(string id, string bookmarkId, HttpRequest request, ClaimsPrincipal user, InstanceGuard guard, WorkflowRuntime runtime,
        CancellationToken ct)
    {
        if (await guard.RefuseAsync(user, id, ct) is { } refused)
        {
            return refused;
        }

        var input = await ReadInputAsync(request, ct);
        if (input is null && request.ContentLength > 0)
        {
            return ServiceDefaults.Http.Problems.Validation("input", "The body must be a JSON object.");
        }

        return ElsaJson.Ok(await runtime.ResumeAsync(id, bookmarkId, input, ct));
    }

    internal static async Task<JsonObject?> ReadInputAsync(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(ct);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            var body = JsonNode.Parse(text) as JsonObject;
            return body is { Count: 1 } && body["input"] is JsonObject wrapped ? (JsonObject)wrapped.DeepClone() : body;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
