using System.Security.Claims;
using System.Text.Json.Nodes;
using CaseFlow.ServiceDefaults.Http;
using CaseFlow.Workflows.ElsaApi.Protection;
using CaseFlow.Workflows.ElsaApi.WorkflowInstances;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Workflows.ElsaApi.Bookmarks;

/// <summary>
/// CaseFlow's GET /workflow-instances/{id}/bookmarks: what the instance waits on, each with the token and URL of
/// Elsa's anonymous resume route — for admins and designers only, since a token resumes without a key; a designer
/// gets no token (and a 403) for an instance that carries a case.
/// </summary>
internal static class ListBookmarks
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/workflow-instances/{id}/bookmarks", Handle).WithName("CaseFlowListBookmarks");

    private static async Task<IResult> Handle(string id, ClaimsPrincipal user, InstanceGuard guard, InstanceReader reader, ResumeTokens tokens, CancellationToken ct)
    {
        if (await reader.FindAsync(id, ct) is null)
        {
            return Problems.NotFound("id", $"No workflow instance '{id}'.");
        }

        if (await guard.RefuseAsync(user, id, ct) is { } refused)
        {
            return refused;
        }

        var items = (await reader.BookmarksAsync(id, ct)).Select(b =>
        {
            var json = (JsonObject)InstanceJson.Bookmark(b);
            var token = tokens.Create(b.InstanceId, b.Id);
            json["resumeToken"] = token;
            json["resumeUrl"] = $"{ElsaApiExtensions.RoutePrefix}/bookmarks/resume?t={Uri.EscapeDataString(token)}";
            return json;
        }).ToList();
        return ElsaJson.Ok(new ListResponse<JsonObject>(items));
    }
}
