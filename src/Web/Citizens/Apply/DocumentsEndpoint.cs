using CaseFlow.Cases.Drafts;
using CaseFlow.Cases.Procedures;
using CaseFlow.ServiceDefaults.Access;
using CaseFlow.Web.Citizens.Account;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace CaseFlow.Web.Citizens.Apply;

/// <summary>
/// <c>POST /servizi/{id}/domanda/documenti</c> (multipart): the documents step of the online application. The body is
/// capped before it is read, each file is checked by content and kept with the citizen's draft (registered in the
/// protocol only when the application is sent); then the browser goes to the step asked for (post, redirect, get).
/// </summary>
public static class DocumentsEndpoint
{
    public const int MaxFilesPerPost = 5;

    public static string Path(string procedureId) => $"/servizi/{Uri.EscapeDataString(procedureId)}/domanda/documenti";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/servizi/{id}/domanda/documenti", PostAsync)
            .RequireAuthorization(CitizenIdentity.Policy).DisableAntiforgery().ExcludeFromDescription();

    private static async Task<IResult> PostAsync(string id, HttpContext http, IAntiforgery antiforgery, ProcedureCatalogue catalogue, ApplicationDrafts drafts,
        IOptions<CaseFlow.Cases.CasesOptions> options, CancellationToken ct)
    {
        var page = ApplyPage.Path(id);
        var here = $"{page}?passo={ApplicationSteps.DocumentsId}";
        var maxBytes = options.Value.MaxDocumentBytes;
        // Capped before the body is read: a file over the limit is never buffered.
        var cap = (maxBytes * MaxFilesPerPost) + 64 * 1024;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = cap;
        }

        if (http.Request.ContentLength > cap)
        {
            return Results.Redirect($"{here}&errore=dimensione");
        }

        var citizen = SignedInCitizen.Of(http.User)!;
        if (await catalogue.FindPublishedAsync(id, ct) is not { } procedure)
        {
            return Results.NotFound();
        }

        if (await drafts.FindAsync(citizen.FiscalCode, procedure.Id, ct) is not { } draft)
        {
            return Results.Redirect(page);
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = cap }, ct);
            await antiforgery.ValidateRequestAsync(http);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
        {
            return Results.Redirect($"{here}&errore=dimensione");
        }
        catch (AntiforgeryValidationException)
        {
            return Results.BadRequest();
        }

        if (Guid.TryParse(form["rimuovi"], out var removed))
        {
            await drafts.RemoveFileAsync(citizen.FiscalCode, draft.Id, removed, ct);
            return Results.Redirect(here);
        }

        var files = form.Files.GetFiles("files").Where(f => f.Length > 0 || f.FileName.Length > 0).ToList();
        if (Check(files, maxBytes) is { } error)
        {
            return Results.Redirect($"{here}&errore={error}");
        }

        foreach (var file in files)
        {
            var bytes = new byte[file.Length];
            await using (var stream = file.OpenReadStream())
            {
                await stream.ReadExactlyAsync(bytes, ct);
            }

            var kept = await drafts.AddFileAsync(citizen.FiscalCode, draft.Id, file.FileName, bytes, ct);
            if (!kept.Succeeded)
            {
                return Results.Redirect($"{here}&errore={kept.Problem.Type ?? "formato"}");
            }
        }

        var steps = ApplicationSteps.Of(procedure);
        var index = steps.ToList().FindIndex(s => s.Kind == StepKind.Documents);
        var target = form["azione"].ToString() switch
        {
            "avanti" => steps[index + 1].Id,
            "indietro" => steps[index - 1].Id,
            _ => ApplicationSteps.DocumentsId,
        };
        await drafts.SaveAsync(citizen.FiscalCode, procedure.Id, draft.Answers, target, ct);
        return Results.Redirect(form["azione"] == "esci" ? "/area-personale?bozza=salvata" : $"{page}?passo={target}");
    }

    /// <summary>What is wrong with the files before anything is kept, as a code the page explains beside the field.</summary>
    private static string? Check(List<IFormFile> files, long maxBytes) =>
        files.Count > MaxFilesPerPost ? "troppi"
        : files.Any(f => f.Length > maxBytes) ? "dimensione"
        : files.Any(f => f.Length == 0) ? "vuoto"
        : null;
}
