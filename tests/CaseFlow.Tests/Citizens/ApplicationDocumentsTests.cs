using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace CaseFlow.Tests.Citizens;

/// <summary>
/// The documents step of the online application: files checked by content and size, kept with the draft, registered
/// in the protocol as incoming with the intake when the application is sent.
/// </summary>
public sealed class ApplicationDocumentsTests(CitizenDeskFixture fixture) : IClassFixture<CitizenDeskFixture>
{
    [Fact]
    public async Task Documents_are_checked_by_content_and_size_kept_with_the_draft_and_registered_in_the_protocol_with_the_intake()
    {
        var mario = CitizenClient.For(fixture.App);
        await mario.SignInAsync("mario", "/servizi/contributo-anziani/domanda");
        var steps = new OnlineApplicationSteps(mario, "contributo-anziani");
        Assert.Equal("nucleo", await steps.NextAsync("richiedente", OnlineApplicationSteps.Self()));
        Assert.Equal("richiesta", await steps.NextAsync("nucleo", ("campo.iseeEuro", "9.800,00"), ("campo.componentiNucleo", "1"), ("campo.viveSolo", "true")));
        Assert.Equal("documenti", await steps.NextAsync("richiesta", ("campo.motivoRichiesta", "Spese per l'assistenza domiciliare."), ("campo.iban", "IT60X0542811101000000123456")));
        var page = await steps.PageAsync();
        Assert.Contains("Attestazione ISEE in corso di validità", page);
        var token = await mario.TokenFromAsync(steps.Path);

        var renamed = await UploadAsync(mario, token, "carica", ("isee.pdf", "MZ\u0090\0 not a pdf"u8.ToArray()));
        Assert.EndsWith("errore=formato", renamed.Headers.Location!.OriginalString);
        Assert.Contains("id=\"files-error\"", WebUtility.HtmlDecode(await mario.Client.GetStringAsync(renamed.Headers.Location)));
        var tooLarge = await UploadAsync(mario, token, "carica", ("grande.pdf", new byte[10 * 1024 * 1024 + 1]));
        Assert.EndsWith("errore=dimensione", tooLarge.Headers.Location!.OriginalString);
        Assert.Equal(0, await Files());

        var kept = await UploadAsync(mario, token, "carica", ("isee.pdf", "%PDF-1.7 attestazione ISEE"u8.ToArray()), ("relazione.pdf", "%PDF-1.7 relazione"u8.ToArray()));
        Assert.EndsWith("passo=documenti", kept.Headers.Location!.OriginalString);
        Assert.Equal(2, await Files());
        var relazione = await fixture.Desk.ScalarAsync<Guid>("SELECT id FROM application_draft_files WHERE file_name = 'relazione.pdf'");
        var removed = await mario.Client.PostAsync("/servizi/contributo-anziani/domanda/documenti",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("rimuovi", relazione.ToString())]));
        Assert.EndsWith("passo=documenti", removed.Headers.Location!.OriginalString);
        Assert.Equal(1, await Files());
        // No protocol number is taken for a draft: only sending registers the documents.
        Assert.Equal(0, await fixture.Desk.ScalarAsync<long>("SELECT count(*) FROM case_documents"));

        var next = await UploadAsync(mario, token, "avanti");
        Assert.EndsWith("passo=riepilogo", next.Headers.Location!.OriginalString);
        Assert.Contains("isee.pdf", await steps.PageAsync());
        var sent = await steps.PostAsync("riepilogo", "invia");

        var code = Regex.Match(sent.Headers.Location!.OriginalString, "inviata=([A-Z0-9]+)").Groups[1].Value;
        var caseId = await fixture.Desk.ScalarAsync<Guid>("SELECT id FROM cases WHERE tracking_code = @c", ("c", code));
        Assert.Equal(1, await fixture.Desk.ScalarAsync<long>("SELECT count(*) FROM case_documents WHERE case_id = @c AND file_name = 'isee.pdf' AND protocol_number IS NOT NULL", ("c", caseId)));
        var sha = await fixture.Desk.ScalarAsync<string>("SELECT sha256 FROM case_documents WHERE case_id = @c", ("c", caseId));
        Assert.Equal(1, await fixture.Desk.ScalarAsync<long>(
            "SELECT count(*) FROM protocol_entries WHERE case_id = @c AND direction = 'in' AND @sha = ANY(document_hashes)", ("c", caseId), ("sha", sha!)));
        Assert.Equal(0, await Files());
    }

    private Task<long> Files() => fixture.Desk.ScalarAsync<long>("SELECT count(*) FROM application_draft_files");

    private static Task<HttpResponseMessage> UploadAsync(CitizenClient citizen, string token, string action, params (string Name, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new StringContent(action), "azione" } };
        foreach (var (name, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(part, "files", name);
        }

        return citizen.Client.PostAsync("/servizi/contributo-anziani/domanda/documenti", form);
    }
}
