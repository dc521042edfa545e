using System.Net;
using System.Text.RegularExpressions;

namespace CaseFlow.Tests.Citizens;

/// <summary>
/// Applying online from the service page: the identity fills the applicant in, the procedure's own declared form is
/// checked by the desk's rules, and the same intake (channel online) gives protocol, notice of start and receipt.
/// </summary>
public partial class ApplyOnlineTests(CitizenDeskFixture fixture) : IClassFixture<CitizenDeskFixture>
{
    private static (string, string)[] Mensa(string pupil) =>
    [
        ("campo.nomeAlunno", pupil), ("campo.scuola", "primaria-don-milani"), ("campo.classe", "3B"), ("campo.dieta", "nessuna"),
    ];

    [Fact]
    public async Task An_application_sent_online_is_registered_with_channel_online_and_confirmed_with_protocol_due_date_and_receipt()
    {
        var mario = CitizenClient.For(fixture.App);
        var landed = await mario.SignInAsync("mario", "/servizi/mensa-scolastica/domanda");
        Assert.Equal("/servizi/mensa-scolastica/domanda", landed);
        var page = WebUtility.HtmlDecode(await mario.Client.GetStringAsync(landed));
        Assert.Contains("RSSMRA80A01F205X", page);
        Assert.Contains("value=\"mario.rossi@example.it\"", page);
        var token = await mario.TokenFromAsync(landed);

        var refused = await PostAsync(mario, landed, token, "chiave-1", [("campo.scuola", "primaria-don-milani"), ("campo.classe", "3B"), ("campo.dieta", "nessuna")]);
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("id=\"campo-nomeAlunno-error\"", refusedHtml);
        Assert.Contains("value=\"3B\"", refusedHtml);
        Assert.Equal(0, await fixture.Desk.ScalarAsync<long>("SELECT count(*) FROM cases WHERE channel = 'online' AND fiscal_code = 'RSSMRA80A01F205X'"));

        var sent = await PostAsync(mario, landed, token, "chiave-2", Mensa("Luca Rossi"));

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var code = Regex.Match(sent.Headers.Location!.OriginalString, "inviata=([A-Z0-9]+)").Groups[1].Value;
        Assert.Equal("online", await fixture.Desk.ScalarAsync<string>("SELECT channel FROM cases WHERE tracking_code = @c", ("c", code)));
        Assert.Equal(1, await fixture.Desk.ScalarAsync<long>(
            "SELECT count(*) FROM outbox_messages o JOIN cases c ON c.id = o.case_id WHERE c.tracking_code = @c AND o.template = 'case-received'", ("c", code)));
        var protocol = await fixture.Desk.ScalarAsync<string>("SELECT protocol_number FROM cases WHERE tracking_code = @c", ("c", code));
        var confirmation = WebUtility.HtmlDecode(await mario.Client.GetStringAsync(sent.Headers.Location));
        Assert.Contains($"protocollo n. {protocol}", confirmation);
        Assert.Contains("concluderà il procedimento entro il", confirmation);
        var receipt = await mario.Client.GetAsync($"/area-personale/pratiche/{code}/ricevuta");
        Assert.Equal("application/pdf", receipt.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await receipt.Content.ReadAsByteArrayAsync())[..4]));

        var again = await PostAsync(mario, landed, token, "chiave-2", Mensa("Luca Rossi"));
        Assert.Equal(sent.Headers.Location, again.Headers.Location);

        var luigi = CitizenClient.For(fixture.App);
        await luigi.SignInAsync("luigi");
        Assert.Equal(HttpStatusCode.NotFound, (await luigi.Client.GetAsync($"/area-personale/pratiche/{code}/ricevuta")).StatusCode);
    }

    private static Task<HttpResponseMessage> PostAsync(CitizenClient citizen, string path, string token, string key, (string Name, string Value)[] fields) =>
        citizen.Client.PostAsync(path, new FormUrlEncodedContent(
            fields.Concat([("_handler", "apply"), ("__RequestVerificationToken", token), ("chiave", key), ("email", "mario.rossi@example.it"), ("phone", "")])
                .Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))));
}
