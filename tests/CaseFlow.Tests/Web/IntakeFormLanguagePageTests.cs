using System.Net;
using CaseFlow.Host.Auth;
using CaseFlow.Tests.Infrastructure;

namespace CaseFlow.Tests.Web;

public sealed class IntakeFormLanguageFixture : AppFixture
{
    public const string Password = "prova-sportello-1";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Auth:Users:0:UserName"] = "anna",
        ["Auth:Users:0:DisplayName"] = "Anna Sportelli",
        ["Auth:Users:0:PasswordHash"] = PasswordHasher.Hash(Password),
        ["Auth:Users:0:Roles:0"] = "frontdesk",
    };
}

/// <summary>
/// The desk's intake page draws a procedure's declared form in the language the person chose with the switch: the
/// labels, help, placeholders, options, steps and the errors beside the fields come from the definition's English texts.
/// </summary>
public sealed class IntakeFormLanguagePageTests(IntakeFormLanguageFixture fixture) : IClassFixture<IntakeFormLanguageFixture>
{
    private const string Path = "/sportello/nuova-pratica";

    private async Task<WebForms> SignedInAsync(string? language)
    {
        var browser = WebForms.For(fixture.App);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync("anna", IntakeFormLanguageFixture.Password)).StatusCode);
        if (language is not null)
        {
            var switched = await browser.PostAsync("/lingua", ("__RequestVerificationToken", await browser.TokenFromAsync(Path)), ("culture", language), ("returnUrl", Path));
            Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        }

        return browser;
    }

    /// <summary>A badge request with the medical certificate missing and a number plate typed with a space, as the desk would post it.</summary>
    private static async Task<string> PostBadgeWithMistakesAsync(WebForms browser)
    {
        var response = await browser.PostAsync(Path, ("_handler", "intake"), ("__RequestVerificationToken", await browser.TokenFromAsync(Path)),
            ("chiave", Guid.NewGuid().ToString("N")), ("citizen.fiscalCode", "RSSMRA80A01F205X"), ("citizen.firstName", "Mario"), ("citizen.lastName", "Rossi"),
            ("procedures", "contrassegno-disabili"), ("campo.contrassegno-disabili.tipoRichiesta", "rilascio"),
            ("campo.contrassegno-disabili.targa", "ab 123"), ("azione", "avvia"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task In_English_the_declared_form_shows_the_definition_s_English_labels_options_steps_and_errors_and_keeps_the_values()
    {
        var html = await PostBadgeWithMistakesAsync(await SignedInAsync("en"));

        Assert.Contains("<legend class=\"h5 mb-4\">The request</legend>", html);
        Assert.Contains("<legend class=\"h5 mb-4\">Certificate and vehicle</legend>", html);
        Assert.Contains("<label for=\"p0-tipoInvalidita\">Medical certificate<span class=\"cf-required\">", html);
        Assert.Contains(">Permanently reduced walking ability (5 years)</option>", html);
        Assert.Contains("<legend class=\"h6 fw-semibold\">Type of request<span class=\"cf-required\">", html);
        Assert.Contains("<label for=\"p0-tipoRichiesta-0\">First issue</label>", html);
        Assert.Contains("Optional: the badge belongs to the person, on any vehicle.", html);
        Assert.Contains("<div class=\"invalid-feedback d-block\" id=\"p0-tipoInvalidita-error\">«Medical certificate» is required.</div>", html);
        Assert.Contains("id=\"p0-targa-error\">A number plate is two letters, three digits and two letters, in capitals and without spaces (e.g. AB123CD).</div>", html);
        Assert.Contains("value=\"ab 123\"", html);
        // The values posted are the same in both languages: the options keep their Italian values.
        Assert.Contains("value=\"rilascio\" checked", html);
        Assert.DoesNotContain("Certificazione medica", html);
        Assert.DoesNotContain("Primo rilascio", html);
    }

    [Fact]
    public async Task In_Italian_the_same_form_shows_the_Elsa_inputs_labels_and_the_Italian_errors()
    {
        var html = await PostBadgeWithMistakesAsync(await SignedInAsync(null));

        Assert.Contains("<legend class=\"h5 mb-4\">Certificazione e veicolo</legend>", html);
        Assert.Contains("<label for=\"p0-tipoInvalidita\">Certificazione medica<span class=\"cf-required\">", html);
        Assert.Contains("<label for=\"p0-tipoRichiesta-0\">Primo rilascio</label>", html);
        Assert.Contains("id=\"p0-tipoInvalidita-error\">Il campo «Certificazione medica» è obbligatorio.</div>", html);
        Assert.Contains("id=\"p0-targa-error\">La targa ha due lettere, tre cifre e due lettere maiuscole, senza spazi (es. AB123CD).</div>", html);
        Assert.DoesNotContain("Medical certificate", html);
    }
}
