using System.Text.Json.Nodes;
using CaseFlow.ServiceDefaults.Access;
using CaseFlow.ServiceDefaults.Http;
using CaseFlow.Workflows.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace CaseFlow.Cases.Integration;

public sealed record IntegrationDocuments(Guid[]? Documents);

public sealed record Observations(string? Text, Guid[]? Documents);

/// <summary>
/// What the citizen brings back to the desk, which resumes the procedure where it waits:
/// <c>POST …/integration</c> — the requested documents (RequestIntegration; the clock runs again);
/// <c>POST …/observations</c> — the observations on a notice of refusal (art. 10-bis; the clock runs again 10 days later).
/// Documents are uploaded first (<c>POST /api/documents</c>) and attached in the step's transaction.
/// </summary>
public static class CitizenReplies
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var roles = new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { Roles = $"{Roles.FrontDesk},{Roles.Officer},{Roles.Supervisor},{Roles.Admin}" };
        app.MapPost("/api/cases/{id:guid}/procedures/{procedureId:guid}/integration", (Guid id, Guid procedureId, IntegrationDocuments request,
                HttpContext http, NpgsqlDataSource db, WorkflowRuntime runtime, CancellationToken ct) =>
            ResumeAsync(new Reply(id, procedureId, RequestIntegration.DocumentsKind, null, request.Documents ?? [], "received",
                "Il procedimento non attende documenti. / The procedure is not waiting for documents.",
                "I documenti sono già stati registrati. / The documents were already received."), http, db, runtime, ct))
            .RequireAuthorization(roles).WithTags("Pratiche");

        app.MapPost("/api/cases/{id:guid}/procedures/{procedureId:guid}/observations", (Guid id, Guid procedureId, Observations request,
                HttpContext http, NpgsqlDataSource db, WorkflowRuntime runtime, CancellationToken ct) =>
            string.IsNullOrWhiteSpace(request.Text) && (request.Documents ?? []).Length == 0
                ? Task.FromResult(Problems.Validation("text", "Indicare le osservazioni o allegare almeno un documento. / Give the observations' text or at least one document."))
                : ResumeAsync(new Reply(id, procedureId, NoticeOfRefusal.ObservationsKind, request.Text?.Trim(), request.Documents ?? [], "observations-received",
                    "Il procedimento non attende osservazioni a un preavviso di rigetto. / The procedure is not waiting for observations on a notice of refusal.",
                    "Le osservazioni sono già state registrate o il termine di 10 giorni è scaduto. / The observations were already received or the 10 days lapsed."),
                    http, db, runtime, ct))
            .RequireAuthorization(roles).WithTags("Pratiche");
    }

    private sealed record Reply(Guid CaseId, Guid ProcedureId, string BookmarkKind, string? Text, Guid[] Documents, string Status, string NotWaiting, string AlreadyDone);

    private static async Task<IResult> ResumeAsync(Reply reply, HttpContext http, NpgsqlDataSource db, WorkflowRuntime runtime, CancellationToken ct)
    {
        string? instanceId, bookmarkId;
        await using (var connection = await db.OpenConnectionAsync(ct))
        {
            if (!await CaseAccess.CanSeeAsync(connection, http.User, reply.CaseId, ct))
            {
                return CaseProblems.Forbidden("id", "La pratica non riguarda i suoi uffici. / The case does not involve your offices.");
            }

            instanceId = await Db.ScalarAsync<string>(connection, null, "SELECT instance_id FROM case_procedures WHERE id = @p AND case_id = @id", ct,
                ("p", reply.ProcedureId), ("id", reply.CaseId));
            if (instanceId is null)
            {
                return Problems.NotFound("procedureId", "Nessun procedimento con questo id nella pratica. / No such procedure in the case.");
            }

            // Checked before anything changes: a document of another case, or none at all, is refused whole.
            var usable = await Db.ScalarAsync<long>(connection, null,
                "SELECT count(*) FROM case_documents WHERE id = ANY(@docs) AND (case_id IS NULL OR case_id = @id)", ct, ("docs", reply.Documents), ("id", reply.CaseId));
            if (usable != reply.Documents.Distinct().Count())
            {
                return Problems.Validation("documents", "Un documento indicato non esiste o appartiene a un'altra pratica. / A document does not exist or belongs to another case.");
            }

            bookmarkId = await runtime.FindBookmarkAsync(instanceId, reply.BookmarkKind, ct);
        }

        if (bookmarkId is null)
        {
            return CaseProblems.Conflict("procedureId", reply.NotWaiting);
        }

        using var _ = CaseActor.Use(http.User);
        try
        {
            await runtime.ResumeAsync(instanceId, bookmarkId, new JsonObject
            {
                ["documents"] = new JsonArray([.. reply.Documents.Distinct().Select(d => (JsonNode)d.ToString())]),
                ["text"] = reply.Text,
            }, ct);
        }
        catch (Exception ex) when (ex is BookmarkNotFoundException or InstanceStateConflictException)
        {
            return CaseProblems.Conflict("procedureId", reply.AlreadyDone);
        }

        return Results.Ok(new { caseId = reply.CaseId, procedureId = reply.ProcedureId, status = reply.Status });
    }
}
