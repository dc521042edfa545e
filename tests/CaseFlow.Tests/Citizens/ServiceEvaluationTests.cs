using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CaseFlow.Tests.Cases;

namespace CaseFlow.Tests.Citizens;

/// <summary>
/// The C.SE.1.7 evaluation: the validator's markup, one POST per step without JavaScript, one answer per case and
/// moment, and the rating and aspects in the satisfaction indicator.
/// </summary>
public sealed class ServiceEvaluationTests(CitizenDeskFixture fixture) : IClassFixture<CitizenDeskFixture>
{
    private static readonly string[] Positive = ["Le indicazioni erano chiare", "Le indicazioni erano complete", "Capivo sempre che stavo procedendo correttamente",
        "Non ho avuto problemi tecnici", "Altro"];

    private static readonly string[] Negative = ["A volte le indicazioni non erano chiare", "A volte le indicazioni non erano complete",
        "A volte non capivo se stavo procedendo correttamente", "Ho avuto problemi tecnici", "Altro"];

    private CaseDesk Desk => fixture.Desk;

    [Fact]
    public async Task The_confirmation_carries_the_evaluation_in_the_validators_markup()
    {
        var mario = CitizenClient.For(fixture.App);
        await mario.SignInAsync("mario");
        var code = (await Desk.StartAsync(CaseDesk.Application("mensa-scolastica")))["trackingCode"]!.GetValue<string>();

        var html = WebUtility.HtmlDecode(await mario.Client.GetStringAsync($"/area-personale?inviata={code}"));

        var component = Regex.Match(html, "<section[^>]*data-element=\"feedback\".*?</section>", RegexOptions.Singleline).Value;
        Assert.Matches("<h2[^>]*data-element=\"feedback-title\"[^>]*>Quanto è stato facile usare questo servizio\\?</h2>", component);
        for (var n = 1; n <= 5; n++)
        {
            // Each star's label names its input, whose value is the star's number.
            var label = Regex.Match(component, $"<label[^>]*for=\"([^\"]+)\"[^>]*data-element=\"feedback-rate-{n}\"");
            Assert.True(label.Success, $"no feedback-rate-{n}");
            Assert.Matches($"<input[^>]*value=\"{n}\"[^>]*id=\"{label.Groups[1].Value}\"", component);
        }

        AssertFollowUp(component, "feedback-rating-positive", "Quali sono stati gli aspetti che hai preferito?", Positive);
        AssertFollowUp(component, "feedback-rating-negative", "Dove hai incontrato le maggiori difficoltà?", Negative);
        Assert.Matches("<input[^>]*type=\"text\"[^>]*data-element=\"feedback-input-text\"", component);
    }

    [Fact]
    public async Task A_citizen_rates_step_by_step_without_javascript_once_per_moment_and_the_indicator_counts_it()
    {
        var mario = CitizenClient.For(fixture.App);
        await mario.SignInAsync("mario");
        var code = (await Desk.StartAsync(CaseDesk.Application("mensa-scolastica", new JsonObject { ["richiestaRiduzione"] = false })))["trackingCode"]!.GetValue<string>();
        var page = $"/area-personale?inviata={code}";
        var token = await mario.TokenFromAsync(page);
        var action = $"/valutazione/{code}/sent";

        // No star: back to step 1 with the error, nothing stored.
        var none = await PostAsync(mario, action, token, page, 1, "avanti");
        Assert.Contains("passo=1", none);
        Assert.Contains("errore=rating", none);
        var withError = await mario.Client.GetStringAsync(none);
        Assert.Contains("Scelga da 1 a 5 stelle.", withError);

        // 2 stars: the negative follow-up is shown, the positive one hidden.
        var second = await PostAsync(mario, action, token, page, 1, "avanti", rating: 2);
        Assert.Contains("passo=2", second);
        var step2 = await mario.Client.GetStringAsync(second);
        Assert.Matches("<fieldset class=\"mb-3\" hidden[^>]*data-element=\"feedback-rating-positive\"", step2);
        Assert.Matches("<fieldset class=\"mb-3\" data-element=\"feedback-rating-negative\"", step2);
        Assert.Matches("<input[^>]*name=\"voto\" value=\"2\"[^>]*checked", step2);

        // A positive answer after 2 stars is refused.
        var wrong = await PostAsync(mario, action, token, page, 2, "avanti", rating: 2, aspects: ["clear"]);
        Assert.Contains("errore=aspects", wrong);
        var third = await PostAsync(mario, action, token, page, 2, "avanti", rating: 2, aspects: ["unclear", "technical-problems"]);
        Assert.Contains("passo=3", third);
        Assert.Contains("aspetti=unclear%2Ctechnical-problems", third);
        var back = await PostAsync(mario, action, token, page, 3, "indietro", rating: 2, aspects: ["unclear", "technical-problems"]);
        Assert.Contains("passo=2", back);
        Assert.Equal(0, await Desk.ScalarAsync<long>("SELECT count(*) FROM case_satisfaction s JOIN cases c ON c.id = s.case_id WHERE c.tracking_code = @c", ("c", code)));

        var sent = await PostAsync(mario, action, token, page, 3, "invia", rating: 2, aspects: ["unclear", "technical-problems"], text: "Il modulo era lento");
        Assert.Contains("esito=grazie", sent);
        Assert.Contains("Grazie, il suo parere ci aiuterà a migliorare il servizio!", WebUtility.HtmlDecode(await mario.Client.GetStringAsync(sent)));
        Assert.Equal("sent;2;{unclear,technical-problems};Il modulo era lento;online", await Desk.ScalarAsync<string>(
            "SELECT s.moment || ';' || s.score || ';' || s.aspects::text || ';' || s.comment || ';' || s.channel FROM case_satisfaction s JOIN cases c ON c.id = s.case_id WHERE c.tracking_code = @c",
            ("c", code)));

        // Once per case and moment: a second answer changes nothing.
        var again = await PostAsync(mario, action, token, page, 3, "invia", rating: 5, aspects: ["clear"]);
        Assert.Contains("esito=gia-inviata", again);
        Assert.Equal(1, await Desk.ScalarAsync<long>("SELECT count(*) FROM case_satisfaction s JOIN cases c ON c.id = s.case_id WHERE c.tracking_code = @c", ("c", code)));

        // After the final act is another moment: not before the case is concluded, then on the tracking page.
        var early = await PostAsync(mario, $"/valutazione/{code}/final", token, $"/pratiche/{code}", 3, "invia", rating: 5, aspects: ["clear"]);
        Assert.Contains("esito=non-ancora", early);
        Assert.DoesNotContain("data-element=\"feedback\"", await fixture.App.CreateClient().GetStringAsync($"/pratiche/{code}"));
        var caseId = await Desk.ScalarAsync<Guid>("SELECT id FROM cases WHERE tracking_code = @c", ("c", code));
        await Desk.CompleteCurrentAsync(caseId.ToString(), "comune-servizi-scolastici", "Iscrizione ammissibile");
        Assert.Contains("data-element=\"feedback\"", await mario.Client.GetStringAsync($"/pratiche/{code}"));
        var final = await PostAsync(mario, $"/valutazione/{code}/final", token, $"/pratiche/{code}", 3, "invia", rating: 5, aspects: ["clear", "on-track"]);
        Assert.StartsWith($"/pratiche/{code}?", final);
        Assert.Contains("esito=grazie", final);

        // The indicator: two answers (one per moment), their aspects counted; no comment or code in it.
        var today = CaseFlow.Terms.RomeTime.DateOf(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd");
        var supervisor = await Desk.Supervisor;
        var report = JsonNode.Parse(await supervisor.GetStringAsync($"/api/indicators?from={today}&to={today}"))!;
        var satisfaction = report["satisfaction"]!;
        Assert.Equal(2, satisfaction["answers"]!.GetValue<long>());
        Assert.Equal((1L, 1L), (satisfaction["distribution"]!["2"]!.GetValue<long>(), satisfaction["distribution"]!["5"]!.GetValue<long>()));
        Assert.Equal((1L, 1L, 0L), (satisfaction["negativeAspects"]!["unclear"]!.GetValue<long>(), satisfaction["negativeAspects"]!["technical-problems"]!.GetValue<long>(),
            satisfaction["negativeAspects"]!["incomplete"]!.GetValue<long>()));
        Assert.Equal((1L, 1L), (satisfaction["positiveAspects"]!["clear"]!.GetValue<long>(), satisfaction["positiveAspects"]!["on-track"]!.GetValue<long>()));
        Assert.DoesNotContain("Il modulo era lento", report.ToJsonString());
        var csv = System.Text.Encoding.UTF8.GetString(await supervisor.GetByteArrayAsync($"/api/indicators?from={today}&to={today}&format=csv&table=aspetti"));
        Assert.Contains("\r\nnegativo;technical-problems;Ho avuto problemi tecnici;1\r\n", csv);
    }

    [Fact]
    public async Task A_step_without_the_antiforgery_token_is_refused()
    {
        var code = (await Desk.StartAsync(CaseDesk.Application("mensa-scolastica")))["trackingCode"]!.GetValue<string>();
        var response = await fixture.App.CreateClient().PostAsync($"/valutazione/{code}/sent",
            new FormUrlEncodedContent([new("voto", "4"), new("azione", "invia"), new("passo", "3")]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await Desk.ScalarAsync<long>("SELECT count(*) FROM case_satisfaction s JOIN cases c ON c.id = s.case_id WHERE c.tracking_code = @c", ("c", code)));
    }

    private static void AssertFollowUp(string component, string element, string question, string[] answers)
    {
        var fieldset = Regex.Match(component, $"<fieldset[^>]*data-element=\"{element}\".*?</fieldset>", RegexOptions.Singleline).Value;
        Assert.Matches($"<legend[^>]*data-element=\"feedback-rating-question\"[^>]*>{Regex.Escape(question)}</legend>", fieldset);
        var labels = Regex.Matches(fieldset, "<label[^>]*data-element=\"feedback-rating-answer\"[^>]*>([^<]*)</label>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Equal(answers, labels);
    }

    private static async Task<string> PostAsync(CitizenClient citizen, string action, string token, string back, int step, string what, int? rating = null,
        string[]? aspects = null, string? text = null)
    {
        var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", token), new("ritorno", back), new("passo", $"{step}"), new("azione", what) };
        if (rating is { } r)
        {
            fields.Add(new("voto", $"{r}"));
        }

        fields.AddRange((aspects ?? []).Select(a => new KeyValuePair<string, string>("aspetti", a)));
        fields.Add(new("testo", text ?? ""));
        var response = await citizen.Client.PostAsync(action, new FormUrlEncodedContent(fields));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response.Headers.Location!.OriginalString;
    }
}
