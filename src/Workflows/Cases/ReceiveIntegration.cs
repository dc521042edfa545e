using System.Text.Json.Nodes;
using CaseFlow.ServiceDefaults.Access;
using CaseFlow.ServiceDefaults.Http;
using CaseFlow.Workflows.Activities.Desk;
using CaseFlow.Workflows.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace CaseFlow.Workflows.Cases;

public sealed record IntegrationDocuments(Guid[]? Documents);

/// <summary>
/// <c>POST /api/cases/{id}/procedures/{procedureId}/integration</c>: the citizen brought the requested documents.
/// The documents are attached and the procedure's waiting RequestIntegration resumes (the clock runs again).
/// </summary>
public static class ReceiveIntegration
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/cases/{id:guid}/procedures/{procedureId:guid}/integration", async (Guid id, Guid procedureId, IntegrationDocuments request,
                HttpContext http, NpgsqlDataSource db, WorkflowRuntime runtime, CancellationToken ct) =>
            {
                string? instanceId, bookmarkId;
                await using (var connection = await db.OpenConnectionAsync(ct))
                {
                    if (!await CaseAccess.CanSeeAsync(connection, http.User, id, ct))
                    {
                        return CaseProblems.Forbidden("id", "La pratica non riguarda i suoi uffici. / The case does not involve your offices.");
                    }

                    instanceId = await Db.ScalarAsync<string>(connection, null, "SELECT instance_id FROM case_procedures WHERE id = @p AND case_id = @id", ct,
                        ("p", procedureId), ("id", id));
                    if (instanceId is null)
                    {
                        return Problems.NotFound("procedureId", "Nessun procedimento con questo id nella pratica. / No such procedure in the case.");
                    }

                    bookmarkId = await Db.ScalarAsync<string>(connection, null,
                        "SELECT id FROM workflow_bookmarks WHERE instance_id = @i AND payload->>'$kind' = @kind", ct, ("i", instanceId), ("kind", RequestIntegration.DocumentsKind));
                }

                if (bookmarkId is null)
                {
                    return CaseProblems.Conflict("procedureId", "Il procedimento non attende documenti. / The procedure is not waiting for documents.");
                }

                var documents = request.Documents ?? [];
                using var _ = CaseActor.Use(http.User);
                try
                {
                    await runtime.ResumeAsync(instanceId, bookmarkId, new JsonObject { ["documents"] = new JsonArray([.. documents.Select(d => (JsonNode)d.ToString())]) }, ct);
                }
                catch (Exception ex) when (ex is BookmarkNotFoundException or InstanceStateConflictException)
                {
                    return CaseProblems.Conflict("procedureId", "I documenti sono già stati registrati. / The documents were already received.");
                }

                if (documents.Length > 0)
                {
                    await using var connection = await db.OpenConnectionAsync(ct);
                    await Db.ExecAsync(connection, null, "UPDATE case_documents SET case_id = @id WHERE id = ANY(@docs) AND case_id IS NULL", ct, ("id", id), ("docs", documents));
                }

                return Results.Ok(new { caseId = id, procedureId, status = "received" });
            })
            .RequireAuthorization(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { Roles = $"{Roles.FrontDesk},{Roles.Officer},{Roles.Supervisor},{Roles.Admin}" })
            .WithTags("Pratiche");
}
