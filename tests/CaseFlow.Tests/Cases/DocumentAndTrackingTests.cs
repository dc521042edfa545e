using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace CaseFlow.Tests.Cases;

public class DocumentAndTrackingTests(DocumentAndTrackingTests.Fixture fixture) : IClassFixture<DocumentAndTrackingTests.Fixture>
{
    /// <summary>A small upload limit, so "too large" needs no 10 MB body.</summary>
    public sealed class Fixture : CasesFixture
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Cases:MaxDocumentBytes"] = "4096" };
    }

    private static readonly byte[] Pdf = [.. "%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8];

    private CaseDesk Desk => fixture.Desk;

    private static MultipartFormDataContent Form(string fileName, byte[] bytes)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    [Fact]
    public async Task An_uploaded_document_is_hashed_protocolled_attached_and_downloadable_by_authorised_roles_only()
    {
        var upload = await (await Desk.FrontDesk).PostAsync("/api/documents", Form("domanda.pdf", Pdf));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var document = (await upload.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(Convert.ToHexString(SHA256.HashData(Pdf)).ToLowerInvariant(), document["sha256"]!.GetValue<string>());

        var application = CaseDesk.Application("mensa-scolastica");
        application["documents"] = new JsonArray(document["id"]!.GetValue<string>());
        var caseId = (await Desk.StartAsync(application))["caseId"]!.GetValue<string>();

        var view = await Desk.CaseAsync(caseId);
        Assert.Single(view["documents"]!.AsArray());
        Assert.Contains(view["protocol"]!.AsArray(), e => e!["number"]!.GetValue<string>() == document["protocolNumber"]!.GetValue<string>());
        Assert.Contains(view["protocol"]!.AsArray(), e => e!["subject"]!.GetValue<string>().StartsWith("Istanza")
            && e["documentHashes"]!.AsArray().Any(h => h!.GetValue<string>() == document["sha256"]!.GetValue<string>()));

        var path = $"/api/documents/{document["id"]}";
        Assert.Equal(Pdf, await (await Desk.Officer("comune-servizi-scolastici")).GetByteArrayAsync(path));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Desk.Officer("comune-anagrafe")).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Desk.Designer).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.App.CreateClient().GetAsync(path)).StatusCode);
    }

    [Theory]
    [InlineData("programma.exe", HttpStatusCode.BadRequest)]
    [InlineData("finto.pdf", HttpStatusCode.BadRequest)]  // a .pdf whose bytes are not a PDF
    [InlineData("enorme.pdf", HttpStatusCode.RequestEntityTooLarge)]
    public async Task Disallowed_or_oversized_uploads_are_refused_naming_the_file_field_and_write_nothing(string fileName, HttpStatusCode expected)
    {
        byte[] executable = [0x4D, 0x5A, 0x90, 0x00];
        var bytes = fileName == "enorme.pdf" ? [.. Pdf, .. new byte[5000]] : executable;
        var before = await Desk.ScalarAsync<long>("SELECT count(*) FROM protocol_entries");

        var response = await (await Desk.FrontDesk).PostAsync("/api/documents", Form(fileName, bytes));

        Assert.Equal(expected, response.StatusCode);
        Assert.Contains("file", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await Desk.ScalarAsync<long>("SELECT count(*) FROM protocol_entries"));
    }

    [Fact]
    public async Task The_tracking_view_needs_no_login_and_shows_no_personal_data_beyond_the_first_name()
    {
        var started = await Desk.StartAsync(CaseDesk.Application("cambio-residenza", new JsonObject { ["indirizzo"] = "Via Monte Grappa 12" }));
        await Desk.CompleteCurrentAsync(started["caseId"]!.GetValue<string>(), "comune-anagrafe", "Registrata");

        var response = await fixture.App.CreateClient().GetAsync($"/api/track/{started["trackingCode"]}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("Mario", text);
        Assert.Contains("Accertamento della dimora abituale", text);
        Assert.Contains("Polizia Locale", text);
        foreach (var personal in new[] { "Rossi", CaseDesk.ValidFiscalCode, "mario.rossi", "333", "Monte Grappa", "Verificato" })
        {
            Assert.DoesNotContain(personal, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Tracking_codes_are_long_unambiguous_and_unknown_ones_are_404()
    {
        var code = (await Desk.StartAsync(CaseDesk.Application("mensa-scolastica")))["trackingCode"]!.GetValue<string>();
        Assert.Matches("^[346789ABCDEFGHJKMNPQRTUVWXY]{14}$", code);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.App.CreateClient().GetAsync("/api/track/AAAAAAAAAAAAAA")).StatusCode);
    }
}
