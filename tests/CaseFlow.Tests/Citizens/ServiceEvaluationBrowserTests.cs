using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CaseFlow.Tests.Cases;
using CaseFlow.Tests.Studio;
using CaseFlow.Tests.Web.Pages;
using OpenQA.Selenium;

namespace CaseFlow.Tests.Citizens;

/// <summary>The C.SE.1.7 evaluation in Chromium after sending: each step checked by axe-core and screenshotted.</summary>
[Collection(CitizenBrowserCollection.Name)]
public sealed class ServiceEvaluationBrowserTests(CitizenBrowserFixture fixture) : IClassFixture<CitizenBrowserFixture>
{
    private static readonly Lazy<string> ArtifactsFolder = new(() => Chromium.ArtifactsFolder("citizens"));

    [Fact]
    public async Task After_sending_a_citizen_rates_the_service_in_three_steps_each_page_accessible()
    {
        using var admin = fixture.Admin();
        var started = await (await admin.PostAsJsonAsync("/api/cases", CaseDesk.Application("mensa-scolastica", new JsonObject { ["richiestaRiduzione"] = false })))
            .Content.ReadFromJsonAsync<JsonObject>();
        var code = started!["trackingCode"]!.GetValue<string>();

        using var browser = new OperatorBrowser(fixture.Host.BaseAddress, ArtifactsFolder.Value, "evaluation");
        browser.Open($"/area-personale?inviata={code}");
        browser.Until(d => d.Url.Contains("/dev-identity/connect/authorize"), "signing in is asked first");
        browser.Find("#person-mario").Click();
        browser.Arrive("/area-personale", "Area personale");
        Assert.Equal("Quanto è stato facile usare questo servizio?", browser.Find("[data-element='feedback-title']").Text);
        Assert.False(browser.Find("[data-element='feedback-rating-positive']").Displayed);
        browser.Check("evaluation-stars");

        browser.Find("label[for='voto-sent-4']").Click();
        browser.Find("#valutazione-sent button[value='avanti']").SendKeys(Keys.Enter);
        browser.Until(d => d.FindElement(By.CssSelector("[data-element='feedback-rating-positive']")).Displayed, "the positive follow-up is shown");
        Assert.False(browser.Find("[data-element='feedback-rating-negative']").Displayed);
        browser.Check("evaluation-positive");

        browser.Find("label[for='aspetto-sent-clear']").Click();
        browser.Find("#valutazione-sent button[value='avanti']").SendKeys(Keys.Enter);
        browser.Until(d => d.FindElement(By.CssSelector("[data-element='feedback-input-text']")).Displayed, "the free text is shown");
        browser.Find("[data-element='feedback-input-text']").SendKeys("Tutto chiaro");
        browser.Check("evaluation-text");

        browser.Find("#valutazione-sent button[value='invia']").SendKeys(Keys.Enter);
        browser.Until(d => d.FindElements(By.CssSelector("[data-evaluation-done]")).Count == 1, "the thanks are shown");
        browser.Check("evaluation-done");
    }
}
