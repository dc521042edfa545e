using CaseFlow.Cases.Documents;
using CaseFlow.Cases.Integration;
using CaseFlow.Cases.Tracking;
using CaseFlow.ServiceDefaults.Access;
using CaseFlow.Web.Citizens.Account;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Web.Citizens.Replies;

/// <summary>
/// <c>POST /pratiche/{code}/rispondi/{procedureId}</c> (multipart): the citizen's documents or observations for the
/// office. The request is capped before anything is read, each file is checked by content and registered in the protocol
/// as incoming, then <see cref="CitizenReplies"/> resumes the procedure (the clock runs again). The browser comes back to
/// the page with the outcome (post, redirect, get).
/// </summary>
public static class ReplyEndpoint
{
    public const int MaxFiles = 5;
    public const int MaxTextLength = 5000;

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/pratiche/{code}/rispondi/{procedureId:guid}", ReplyAsync)
            .RequireAuthorization(CitizenIdentity.Policy).RequireRateLimiting(TrackCase.RateLimitPolicy).DisableAntiforgery().ExcludeFromDescription();

    private static async Task<IResult> ReplyAsync(string code, Guid procedureId, HttpContext http, IAntiforgery antiforgery, CitizenCases cases,
        CaseDocuments store, CitizenReplies replies, CancellationToken ct)
    {
        var back = $"/pratiche/{Uri.EscapeDataString(code)}/rispondi";
        // Capped before the body is read: a file over the limit is never buffered.
        var cap = (store.MaxBytes * MaxFiles) + 64 * 1024;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = cap;
        }

        if (http.Request.ContentLength > cap)
        {
            return Results.Redirect($"{back}?procedura={procedureId}&errore=dimensione");
        }

        var citizen = SignedInCitizen.Of(http.User)!;
        if (await cases.FindAsync(citizen.FiscalCode, code, ct, citizen.CompanyVat) is not { } own || own.Procedures.All(p => p.Id != procedureId))
        {
            return Results.NotFound();
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = cap, ValueLengthLimit = MaxTextLength * 4 }, ct);
            await antiforgery.ValidateRequestAsync(http);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
        {
            return Results.Redirect($"{back}?procedura={procedureId}&errore=dimensione");
        }
        catch (AntiforgeryValidationException)
        {
            return Results.BadRequest();
        }

        var procedure = own.Procedures.First(p => p.Id == procedureId);
        var files = form.Files.GetFiles("files").Where(f => f.Length > 0 || f.FileName.Length > 0).ToList();
        var text = form["text"].ToString().Trim();
        var error = Check(procedure.Awaited, files, text, store.MaxBytes);
        if (error is not null)
        {
            return Results.Redirect($"{back}?procedura={procedureId}&errore={error}");
        }

        var documents = new List<Guid>();
        foreach (var file in files)
        {
            var bytes = new byte[file.Length];
            await using (var stream = file.OpenReadStream())
            {
                await stream.ReadExactlyAsync(bytes, ct);
            }

            var stored = await store.UploadAsync(new DocumentUpload(file.FileName, bytes, $"{citizen.DisplayName} ({citizen.FiscalCode})"), http.User, ct);
            if (!stored.Succeeded)
            {
                return Results.Redirect($"{back}?procedura={procedureId}&errore=formato");
            }

            documents.Add(stored.Value.Id);
        }

        var outcome = procedure.Awaited == CitizenAction.Documents
            ? await replies.RegisterDocumentsAsync(own.Id, procedureId, [.. documents], http.User, ct)
            : await replies.RegisterObservationsAsync(own.Id, procedureId, text, [.. documents], http.User, ct);
        return Results.Redirect(outcome.Succeeded ? $"{back}?inviato={procedureId}" : $"{back}?procedura={procedureId}&errore=stato");
    }

    /// <summary>What is wrong with the reply before anything is stored, as a code the page explains beside the field.</summary>
    private static string? Check(CitizenAction awaited, List<IFormFile> files, string text, long maxBytes)
    {
        if (awaited == CitizenAction.None)
        {
            return "stato";
        }

        if (files.Count > MaxFiles)
        {
            return "troppi";
        }

        if (files.Any(f => f.Length > maxBytes))
        {
            return "dimensione";
        }

        if (files.Any(f => f.Length == 0))
        {
            return "vuoto";
        }

        if (text.Length > MaxTextLength)
        {
            return "lungo";
        }

        return awaited switch
        {
            CitizenAction.Documents when files.Count == 0 => "nessun-file",
            CitizenAction.Observations when files.Count == 0 && text.Length == 0 => "testo",
            _ => null,
        };
    }
}
