using CaseFlow.Notifications;
using CaseFlow.Notifications.Templates;
using Microsoft.Extensions.Options;

namespace CaseFlow.Tests.Notifications;

/// <summary>The art. 8 notice's template in both languages: each element of c.2 in each procedure's section.</summary>
public class NoticeTemplateTests
{
    private static readonly TemplateRenderer Renderer = new(Options.Create(new NotificationsOptions()));

    [Theory]
    [InlineData("it", "Amministrazione competente: INPS", "Oggetto del procedimento: Invalidità civile", "Data di presentazione della domanda: 23 novembre 2026",
        "entro 15 giorni, la metà del termine originario", "Dove prendere visione degli atti: INPS – Sede di Monza, email ufficio@comune.example.it",
        "Indennizzo da ritardo", "entro il 13 marzo 2027")]
    [InlineData("en", "Administration in charge: INPS", "Subject of the procedure: Invalidità civile", "Date the application was filed: 23 November 2026",
        "within 15 days, half the original term", "Where to see the documents of the procedure: INPS – Sede di Monza, email ufficio@comune.example.it",
        "Compensation for delay", "by 13 March 2027")]
    public void Each_procedure_states_every_element_and_only_the_one_under_article_28_the_indemnity(
        string language, string administration, string subject, string filed, string substitute, string acts, string indemnity, string claimBy)
    {
        var rendered = Renderer.Render("case-received", language, SampleModels.For("case-received"));

        var sections = rendered.Text.Split("== ");
        foreach (var element in new[] { administration, subject, filed, substitute, acts, indemnity, claimBy })
        {
            Assert.Contains(element, sections[2], StringComparison.Ordinal);
        }

        Assert.DoesNotContain(indemnity, sections[1], StringComparison.Ordinal);
        Assert.Contains(indemnity, rendered.Html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{SampleModels.TrackingUrl}\"", rendered.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("a Il ", rendered.Text, StringComparison.Ordinal);
    }
}
