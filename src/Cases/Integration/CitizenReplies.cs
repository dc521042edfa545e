using System.Text.Json.Nodes;
using CaseFlow.ServiceDefaults.Access;
using CaseFlow.ServiceDefaults.Http;
using CaseFlow.ServiceDefaults.Outcomes;
using System.Security.Claims;
using CaseFlow.Workflows.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace CaseFlow.Cases.Integration;

public sealed record IntegrationDocuments(Guid[]? Documents);

public sealed record Observations(string? Text, Guid[]? Documents);

/// <summary>A reply registered: the procedure goes on from where it waited.</summary>
public sealed record ReplyRegistered(Guid CaseId, Guid ProcedureId, string Status);

/// <summary>
/// What the citizen brings back, at the desk or online, which resumes the procedure where it waits: the documents an
/// integration request asked for (RequestIntegration; the clock runs again) and the observations on a notice of refusal
/// (art. 10-bis; the clock runs again 10 days later). Documents are uploaded first and attached in the step's transaction.
/// </summary>
public sealed class CitizenReplies(NpgsqlDataSource dataSource, WorkflowRuntime runtime)
{
    public Task<Outcome<ReplyRegistered>> RegisterDocumentsAsync(Guid caseId, Guid procedureId, Guid[]? documents, ClaimsPrincipal user, CancellationToken ct) =>
        ResumeAsync(new Reply(caseId, procedureId, RequestIntegration.DocumentsKind, null, documents ?? [], "received",
            "Il procedimento non attende documenti. / The procedure is not waiting for documents.",
            "I documenti sono già stati registrati. / The documents were already received."), user, ct);

    public Task<Outcome<ReplyRegistered>> RegisterObservationsAsync(Guid caseId, Guid procedureId, string? text, Guid[]? documents, ClaimsPrincipal user,
        CancellationToken ct) =>
        string.IsNullOrWhiteSpace(text) && (documents ?? []).Length == 0
            ? Task.FromResult<Outcome<ReplyRegistered>>(Problem.Validation("text",
                "Indicare le osservazioni o allegare almeno un documento. / Give the observations' text or at least one document."))
            : ResumeAsync(new Reply(caseId, procedureId, NoticeOfRefusal.ObservationsKind, text?.Trim(), documents ?? [], "observations-received",
                "Il procedimento non attende osservazioni a un preavviso di rigetto. / The procedure is not waiting for observations on a notice of refusal.",
                "Le osservazioni sono già state registrate o il termine di 10 giorni è scaduto. / The observations were already received or the 10 days lapsed."),
                user, ct);

    private sealed record Reply(Guid CaseId, Guid ProcedureId, string BookmarkKind, string? Text, Guid[] Documents, string Status, string NotWaiting, string AlreadyDone);

    private async Task<Outcome<ReplyRegistered>> ResumeAsync(Reply reply, ClaimsPrincipal user, CancellationToken ct)
    {
        string? instanceId, bookmarkId;
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        {
            if (!await CaseAccess.CanSeeAsync(connection, user, reply.CaseId, ct))
            {
                return Problem.Forbidden("id", "La pratica non riguarda i suoi uffici. / The case does not involve your offices.");
            }

            instanceId = await Db.ScalarAsync<string>(connection, null, "SELECT instance_id FROM case_procedures WHERE id = @p AND case_id = @id", ct,
                ("p", reply.ProcedureId), ("id", reply.CaseId));
            if (instanceId is null)
            {
                return Problem.NotFound("procedureId", "Nessun procedimento con questo id nella pratica. / No such procedure in the case.");
            }

            // Checked before anything changes: a document of another case, or none at all, is refused whole.
            var usable = await Db.ScalarAsync<long>(connection, null,
                "SELECT count(*) FROM case_documents WHERE id = ANY(@docs) AND (case_id IS NULL OR case_id = @id)", ct, ("docs", reply.Documents), ("id", reply.CaseId));
            if (usable != reply.Documents.Distinct().Count())
            {
                return Problem.Validation("documents", "Un documento indicato non esiste o appartiene a un'altra pratica. / A document does not exist or belongs to another case.");
            }

            bookmarkId = await runtime.FindBookmarkAsync(instanceId, reply.BookmarkKind, ct);
        }

        if (bookmarkId is null)
        {
            return Problem.Conflict("procedureId", reply.NotWaiting);
        }

        using var _ = CaseActor.Use(user);
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
            return Problem.Conflict("procedureId", reply.AlreadyDone);
        }

        return new ReplyRegistered(reply.CaseId, reply.ProcedureId, reply.Status);
    }
}

/// <summary>The desk's HTTP edge of <see cref="CitizenReplies"/>: <c>POST …/integration</c> and <c>POST …/observations</c>.</summary>
public static class CitizenReplyEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var roles = new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { Roles = $"{Roles.FrontDesk},{Roles.Officer},{Roles.Supervisor},{Roles.Admin}" };
        app.MapPost("/api/cases/{id:guid}/procedures/{procedureId:guid}/integration", async (Guid id, Guid procedureId, IntegrationDocuments request,
                HttpContext http, CitizenReplies replies, CancellationToken ct) =>
                (await replies.RegisterDocumentsAsync(id, procedureId, request.Documents, http.User, ct)).ToHttp())
            .RequireAuthorization(roles).WithTags("Pratiche");
        app.MapPost("/api/cases/{id:guid}/procedures/{procedureId:guid}/observations", async (Guid id, Guid procedureId, Observations request,
                HttpContext http, CitizenReplies replies, CancellationToken ct) =>
                (await replies.RegisterObservationsAsync(id, procedureId, request.Text, request.Documents, http.User, ct)).ToHttp())
            .RequireAuthorization(roles).WithTags("Pratiche");
    }
}
