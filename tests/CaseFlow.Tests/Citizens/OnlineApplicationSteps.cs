using System.Net;
using System.Text.RegularExpressions;

namespace CaseFlow.Tests.Citizens;

/// <summary>
/// The online application's steps as a browser with JavaScript off posts them: each step a form of its own, with the
/// antiforgery token, the step's name and the button pressed (<c>avanti</c>, <c>indietro</c>, <c>esci</c>, <c>invia</c>).
/// </summary>
public sealed partial class OnlineApplicationSteps(CitizenClient citizen, string procedureId)
{
    public string Path => $"/servizi/{procedureId}/domanda";

    public CitizenClient Citizen { get; } = citizen;

    private string? token;

    public async Task<string> PageAsync(string? step = null) =>
        WebUtility.HtmlDecode(await Citizen.Client.GetStringAsync(step is null ? Path : $"{Path}?passo={step}"));

    /// <summary>The step the page shows, from the stepper's current item.</summary>
    public static string CurrentStep(string html) => CurrentStepItem().Match(html).Groups[1].Value;

    public async Task<HttpResponseMessage> PostAsync(string step, string action, params (string Name, string Value)[] fields)
    {
        token ??= await Citizen.TokenFromAsync(Path);
        var handler = step == "riepilogo" ? "send" : "step";
        return await Citizen.Client.PostAsync(Path, new FormUrlEncodedContent(
            fields.Concat([("_handler", handler), ("__RequestVerificationToken", token), ("passo", step), ("azione", action)])
                .Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))));
    }

    /// <summary>Posts a step and follows the redirect: the step the application moved to.</summary>
    public async Task<string> NextAsync(string step, params (string Name, string Value)[] fields)
    {
        var response = await PostAsync(step, "avanti", fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return Regex.Match(response.Headers.Location!.OriginalString, "passo=([^&#]+)").Groups[1].Value;
    }

    public static (string, string)[] Self(string email = "mario.rossi@example.it") => [("as", "self"), ("email", email), ("phone", "")];

    public static readonly (string, string)[] Pupil = [("campo.nomeAlunno", "Luca Rossi"), ("campo.scuola", "primaria-don-milani"), ("campo.classe", "3B")];

    public static readonly (string, string)[] NoDiet = [("campo.dieta", "nessuna"), ("campo.iseeEuro", "")];

    [GeneratedRegex("<li class=\"active\" aria-current=\"step\" data-step=\"([^\"]+)\"")]
    private static partial Regex CurrentStepItem();
}

public static class RedirectTargets
{
    /// <summary>Where a redirect goes, as path and query: the pages' redirects are absolute, the endpoints' relative.</summary>
    public static string PathAndQuery(this Uri location) => location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
}
