using System.Globalization;
using System.Text.Json.Nodes;
using CaseFlow.Notifications;
using CaseFlow.Notifications.Templates;
using CaseFlow.Notifications.Templates.Liquid;
using Microsoft.Extensions.Options;

namespace CaseFlow.Tests.Notifications;

public class TemplateTests
{
    private static readonly TemplateRenderer Renderer = new(Options.Create(new NotificationsOptions()));

    public static TheoryData<string, string> AllTemplates()
    {
        var data = new TheoryData<string, string>();
        foreach (var template in SampleModels.CitizenTemplates)
        {
            data.Add(template, "it");
            data.Add(template, "en");
        }

        foreach (var template in SampleModels.OfficeTemplates)
        {
            data.Add(template, "it");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public void Each_template_renders_an_accessible_message_with_the_protocol_number(string template, string language)
    {
        var rendered = Renderer.Render(template, language, SampleModels.For(template));

        Assert.Contains(SampleModels.ProtocolNumber, rendered.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', rendered.Subject);
        Assert.Contains($"<html lang=\"{language}\">", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("<h1", rendered.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<table", rendered.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("{{", rendered.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("{%", rendered.Text, StringComparison.Ordinal);
        Assert.Contains(SampleModels.ProtocolNumber, rendered.Text, StringComparison.Ordinal);
        Assert.True(rendered.Text.Length > 100, rendered.Text);
        Assert.All(System.Text.RegularExpressions.Regex.Matches(rendered.Html, "<img[^>]*>"), m => Assert.Contains("alt=", m.Value, StringComparison.Ordinal));
    }

    [Fact]
    public void A_bundle_lists_every_procedure_in_one_message()
    {
        var rendered = Renderer.Render("case-received", "en", SampleModels.For("case-received"));
        Assert.Contains("Contributo per l&#39;affitto", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("Invalidità civile", rendered.Text, StringComparison.Ordinal);
        Assert.Contains("dott. Luca Verdi", rendered.Text, StringComparison.Ordinal);
        // The first procedure is silence-assent, the second is not: each gets its own "if the office is silent".
        var sections = rendered.Text.Split("== ");
        Assert.Contains("deemed granted", sections[1], StringComparison.Ordinal);
        Assert.Contains("substitute power", sections[2], StringComparison.Ordinal);
        Assert.DoesNotContain("deemed granted", sections[2], StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_required_field_is_an_error_not_an_empty_line()
    {
        var model = SampleModels.For("case-received");
        model.Remove("protocol_number");
        var error = Assert.Throws<LiquidException>(() => Renderer.Render("case-received", "it", model));
        Assert.Contains("protocol_number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_are_html_encoded_in_the_html_part_only()
    {
        var model = SampleModels.For("case-received");
        model["citizen_name"] = "<b>Mario</b> & co";
        var rendered = Renderer.Render("case-received", "it", model);
        Assert.Contains("&lt;b&gt;Mario&lt;/b&gt; &amp; co", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("<b>Mario</b> & co", rendered.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_liquid_subset_handles_loops_conditions_filters_and_whitespace_control()
    {
        var template = LiquidTemplate.Parse("""
            {%- for p in items -%}{{ forloop.index }}.{{ p.name | upcase }}{% unless forloop.last %}, {% endunless %}{%- endfor %}
            {% if n > 2 and flag %}big{% elsif n == 2 %}two{% else %}small{% endif %}{% if off %}!{% endif %} {{ missing | default: "—" }} {{ d | date: "%e %B %Y" }}
            """);
        var model = JsonNode.Parse("""{"items":[{"name":"a"},{"name":"b"}],"n":2,"flag":true,"off":false,"d":"2026-11-23"}""")!.AsObject();

        Assert.Equal("1.A, 2.B\ntwo — 23 novembre 2026", template.Render(model, CultureInfo.GetCultureInfo("it-IT"), htmlEncode: false));
        Assert.Throws<LiquidException>(() => LiquidTemplate.Parse("{% if x %}never closed"));
        Assert.Throws<LiquidException>(() => LiquidTemplate.Parse("{{ x | nosuchfilter }}").Render(model, CultureInfo.InvariantCulture, false));
    }
}
