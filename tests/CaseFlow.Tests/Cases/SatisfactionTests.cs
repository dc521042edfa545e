using System.Net;
using System.Text.Json;

namespace CaseFlow.Tests.Cases;

public class SatisfactionTests(CasesFixture fixture) : IClassFixture<CasesFixture>
{
    private static FormUrlEncodedContent Answer(string score, string comment = "") =>
        new(new Dictionary<string, string> { ["voto"] = score, ["commento"] = comment });

    [Fact]
    public async Task The_final_acts_link_takes_one_answer_per_closed_case_and_supervisors_see_the_indicator()
    {
        var started = await fixture.Desk.StartAsync(CaseDesk.Application("contrassegno-disabili"));
        var caseId = started["caseId"]!.GetValue<string>();
        var tracking = started["trackingCode"]!.GetValue<string>();
        var citizen = fixture.App.CreateClient();

        Assert.Equal(HttpStatusCode.Conflict, (await citizen.GetAsync($"/valuta/{tracking}?voto=5")).StatusCode);

        await fixture.Desk.CompleteCurrentAsync(caseId, "asl-commissione", "Certificato rilasciato");
        await fixture.Desk.CompleteCurrentAsync(caseId, "comune-polizia-locale", "Contrassegno emesso");
        var surveyUrl = await fixture.Desk.ScalarAsync<string>(
            "SELECT model->>'survey_url' FROM outbox_messages WHERE case_id = @id AND template = 'final-act'", ("id", Guid.Parse(caseId)));
        Assert.EndsWith($"/valuta/{tracking}", surveyUrl);

        var form = await citizen.GetAsync($"/valuta/{tracking}?voto=4");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("value=\"4\" checked", await form.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await citizen.PostAsync($"/valuta/{tracking}", Answer("9"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await citizen.PostAsync($"/valuta/{tracking}", Answer("4", "Personale gentile"))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await citizen.PostAsync($"/valuta/{tracking}", Answer("1"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await citizen.PostAsync("/valuta/NONESISTE", Answer("3"))).StatusCode);

        Assert.Equal((short)4, await fixture.Desk.ScalarAsync<short>("SELECT score FROM case_satisfaction WHERE case_id = @id", ("id", Guid.Parse(caseId))));
        using var indicator = JsonDocument.Parse(await (await fixture.Desk.Supervisor).GetStringAsync("/api/indicators/satisfaction"));
        Assert.Equal(1, indicator.RootElement.GetProperty("answers").GetInt64());
        Assert.Equal(1, indicator.RootElement.GetProperty("distribution").GetProperty("4").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await fixture.Desk.FrontDesk).GetAsync("/api/indicators/satisfaction")).StatusCode);
    }
}
