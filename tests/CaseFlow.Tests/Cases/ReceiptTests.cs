using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json.Nodes;
using CaseFlow.Cases.Receipts;
using CaseFlow.ServiceDefaults.Access;
using CaseFlow.ServiceDefaults.Outcomes;
using Microsoft.Extensions.DependencyInjection;
using QRCoder;

namespace CaseFlow.Tests.Cases;

/// <summary>The ricevuta of an intake, read back from the PDF.</summary>
public class ReceiptTests(CasesFixture fixture) : IClassFixture<CasesFixture>
{
    private T Service<T>() where T : notnull => fixture.App.Services.GetRequiredService<T>();

    private static ClaimsPrincipal Person(string role, params string[] offices) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, role), new Claim(ClaimTypes.Role, role), .. offices.Select(o => new Claim(CaseFlowClaims.Office, o))], "test"));

    private async Task<JsonObject> UploadAsync(string fileName, byte[] bytes)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        var response = await (await fixture.Desk.FrontDesk).PostAsync("/api/documents", new MultipartFormDataContent { { file, "file", fileName } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private async Task<StartedCase> StartBundleAsync(Guid document)
    {
        var intake = new IntakeRequest(new CitizenInput("VRDLGU70M15L219L", "Luigi", "Verdi", "luigi.verdi@example.it", null, "it"),
        [
            new BundleItem("contrassegno-disabili", null, CaseDesk.SampleForm("contrassegno-disabili")),
            new BundleItem("invalidita-civile", null, CaseDesk.SampleForm("invalidita-civile")),
        ], "desk", null, [document], Bundle: true);
        var started = await Service<CaseIntake>().StartAsync(new IntakeCommand(intake, "operatore"), CancellationToken.None);
        Assert.True(started.Succeeded, started.Problem?.Message);
        return started.Value;
    }

    [Fact]
    public async Task The_receipt_of_a_bundle_states_each_protocol_number_agency_office_officer_and_term_and_the_tracking_code()
    {
        var document = await UploadAsync("certificato-medico.pdf", "%PDF-1.4\n% certificato\n"u8.ToArray());
        var started = await StartBundleAsync(document["id"]!.GetValue<Guid>());

        var receipt = await Service<CaseReceipts>().CreateAsync(started.CaseId, Person(Roles.FrontDesk), CancellationToken.None);

        Assert.True(receipt.Succeeded, receipt.Problem?.Message);
        Assert.Equal($"ricevuta-{started.TrackingCode}.pdf", receipt.Value.FileName);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(receipt.Value.Content, 0, 5));
        var text = PdfText.Read(receipt.Value.Content).All;
        await File.WriteAllBytesAsync(Path.Combine(Studio.Chromium.ArtifactsFolder("receipts"), "bundle-receipt.pdf"), receipt.Value.Content);
        Assert.Contains("Ricevuta di presentazione dell'istanza", text);
        Assert.Contains($"Codice pratica: {started.TrackingCode}", text);
        Assert.Contains("Luigi Verdi, codice fiscale VRDLGU70M15L219L", text);
        Assert.Equal(2, started.Procedures.Select(p => p.ProtocolNumber).Distinct().Count());
        foreach (var procedure in started.Procedures)
        {
            Assert.Contains($"Protocollo n. {procedure.ProtocolNumber}", text);
            Assert.Contains($"Termine di conclusione: entro il {CaseFlow.Terms.RomeTime.InRome(procedure.DueDate).ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("it-IT"))}", text);
        }

        Assert.Contains("Contrassegno di parcheggio per persone con disabilità (CUDE)", text);
        Assert.Contains("Ente: Comune di Limbiate; ufficio competente:", text);
        Assert.Contains("Ente: ASL — ASST Brianza; ufficio competente:", text);
        Assert.Contains("Responsabile del procedimento: Dott. Marco Colombo, Presidente della Commissione medica", text);
        Assert.Contains($"certificato-medico.pdf (protocollo n. {document["protocolNumber"]})", text);
        Assert.Contains($"/pratiche/{started.TrackingCode}", text);
    }

    [Fact]
    public async Task The_receipt_s_QR_code_is_the_tracking_page_URL_drawn_module_by_module()
    {
        var started = await StartBundleAsync((await UploadAsync("documento.pdf", "%PDF-1.4\n% documento\n"u8.ToArray()))["id"]!.GetValue<Guid>());
        var url = Service<CitizenMessages>().TrackingPageUrl(started.TrackingCode);
        Assert.StartsWith("http", url);
        Assert.EndsWith($"/pratiche/{started.TrackingCode}", url);

        var pdf = (await Service<CaseReceipts>().CreateAsync(started.CaseId, Person(Roles.Supervisor), CancellationToken.None)).Value!;

        using var generator = new QRCodeGenerator();
        using var qr = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        var dark = qr.ModuleMatrix.Sum(row => row.Cast<bool>().Count(module => module));
        var other = generator.CreateQrCode(url + "x", QRCodeGenerator.ECCLevel.M).ModuleMatrix.Sum(row => row.Cast<bool>().Count(module => module));
        Assert.NotEqual(dark, other); // the count tells this URL's code from a neighbour's
        Assert.Equal(dark, PdfText.Read(pdf.Content).Rectangles);
    }

    [Fact]
    public async Task An_officer_of_an_office_the_case_does_not_involve_gets_no_receipt_and_the_API_serves_the_PDF_to_the_desk()
    {
        var started = await StartBundleAsync((await UploadAsync("altro.pdf", "%PDF-1.4\n% altro\n"u8.ToArray()))["id"]!.GetValue<Guid>());

        var refused = await Service<CaseReceipts>().CreateAsync(started.CaseId, Person(Roles.Officer, "comune-servizi-scolastici"), CancellationToken.None);
        var response = await (await fixture.Desk.FrontDesk).GetAsync($"/api/cases/{started.CaseId}/receipt");

        Assert.Equal(ProblemKind.Forbidden, refused.Problem!.Kind);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(started.TrackingCode, PdfText.Read(await response.Content.ReadAsByteArrayAsync()).All);
    }
}
