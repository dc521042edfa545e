using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CaseFlow.Tests.Cases;

public class IntakeTests(CasesFixture fixture) : IClassFixture<CasesFixture>
{
    private CaseDesk Desk => fixture.Desk;

    [Theory]
    [InlineData("RSSMRA80A01F205X", true)]  // the textbook example
    [InlineData("rssmra80a01f205x", true)]  // lower case is accepted and normalised
    [InlineData("MRARSS85M41H501T", true)]  // a woman: day + 40
    [InlineData("RSSMRA80A01F2LRD", true)]  // omocodia: the last two place digits replaced by letters, check char recomputed
    [InlineData("RSSMRA8LA01F205A", false)] // omocodia letter with a stale check character
    [InlineData("RSSMRA80A01F205Y", false)] // wrong check character
    [InlineData("RSSMRA80Z01F205X", false)] // no such month letter
    [InlineData("RSSMRA80A35F205X", false)] // day 35 does not exist
    [InlineData("RSSMRA80A01F205", false)]  // too short
    [InlineData("RSSMRA80A01F2A5X", false)] // 'A' cannot stand for a digit
    public void Fiscal_codes_are_checked_for_shape_date_omocodia_and_check_character(string code, bool valid) =>
        Assert.Equal(valid, FiscalCode.Validate(code) is null);

    [Theory]
    [InlineData("citizen.fiscalCode", "{\"citizen\":{\"fiscalCode\":\"RSSMRA80A01F205Y\",\"firstName\":\"Mario\",\"lastName\":\"Rossi\"},\"procedureId\":\"cambio-residenza\"}")]
    [InlineData("citizen.firstName", "{\"citizen\":{\"fiscalCode\":\"RSSMRA80A01F205X\",\"lastName\":\"Rossi\"},\"procedureId\":\"cambio-residenza\"}")]
    [InlineData("citizen.preferredLanguage", "{\"citizen\":{\"fiscalCode\":\"RSSMRA80A01F205X\",\"firstName\":\"Mario\",\"lastName\":\"Rossi\",\"preferredLanguage\":\"de\"},\"procedureId\":\"cambio-residenza\"}")]
    [InlineData("procedureId", "{\"citizen\":{\"fiscalCode\":\"RSSMRA80A01F205X\",\"firstName\":\"Mario\",\"lastName\":\"Rossi\"},\"procedureId\":\"rinnovo-passaporto\"}")]
    [InlineData("version", "{\"citizen\":{\"fiscalCode\":\"RSSMRA80A01F205X\",\"firstName\":\"Mario\",\"lastName\":\"Rossi\"},\"procedureId\":\"cambio-residenza\",\"version\":7}")]
    [InlineData("channel", "{\"citizen\":{\"fiscalCode\":\"RSSMRA80A01F205X\",\"firstName\":\"Mario\",\"lastName\":\"Rossi\"},\"procedureId\":\"cambio-residenza\",\"channel\":\"fax\"}")]
    [InlineData("receivedAt", "{\"citizen\":{\"fiscalCode\":\"RSSMRA80A01F205X\",\"firstName\":\"Mario\",\"lastName\":\"Rossi\"},\"procedureId\":\"cambio-residenza\",\"receivedAt\":\"2099-01-01T00:00:00Z\"}")]
    [InlineData("documents", "{\"citizen\":{\"fiscalCode\":\"RSSMRA80A01F205X\",\"firstName\":\"Mario\",\"lastName\":\"Rossi\"},\"procedureId\":\"cambio-residenza\",\"documents\":[\"0195e1a0-0000-7000-8000-000000000000\"]}")]
    public async Task Bad_input_is_a_400_problem_naming_the_field_and_writes_nothing(string field, string json)
    {
        var cases = await Desk.ScalarAsync<long>("SELECT count(*) FROM cases");
        var entries = await Desk.ScalarAsync<long>("SELECT count(*) FROM protocol_entries");

        var response = await (await Desk.FrontDesk).PostAsync("/api/cases", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.NotNull(problem!["errors"]![field]);
        Assert.Equal(cases, await Desk.ScalarAsync<long>("SELECT count(*) FROM cases"));
        Assert.Equal(entries, await Desk.ScalarAsync<long>("SELECT count(*) FROM protocol_entries"));
    }

    [Fact]
    public async Task A_retried_intake_with_the_same_idempotency_key_returns_the_first_result_and_starts_one_case()
    {
        var client = await Desk.FrontDesk;
        var application = CaseDesk.Application("contrassegno-disabili", fiscalCode: "MRARSS85M41H501T");
        async Task<HttpResponseMessage> Send(JsonObject body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", "desk-7-0001");
            return await client.SendAsync(request);
        }

        var responses = await Task.WhenAll(Send(application), Send(application));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<JsonObject>()));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(bodies[0]!["caseId"]!.GetValue<string>(), bodies[1]!["caseId"]!.GetValue<string>());
        Assert.Equal(bodies[0]!["protocolNumber"]!.GetValue<string>(), bodies[1]!["protocolNumber"]!.GetValue<string>());
        Assert.Equal(1L, await Desk.ScalarAsync<long>("SELECT count(*) FROM cases WHERE fiscal_code = 'MRARSS85M41H501T'"));

        var changed = (JsonObject)application.DeepClone();
        changed["channel"] = "pec";
        var reused = await Send(changed);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal(1L, await Desk.ScalarAsync<long>("SELECT count(*) FROM cases WHERE fiscal_code = 'MRARSS85M41H501T'"));
    }
}
