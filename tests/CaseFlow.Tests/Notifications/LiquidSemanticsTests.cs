using System.Globalization;
using System.Text.Json.Nodes;
using CaseFlow.Notifications;
using CaseFlow.Notifications.Templates;
using CaseFlow.Notifications.Templates.Liquid;
using Microsoft.Extensions.Options;

namespace CaseFlow.Tests.Notifications;

/// <summary>The templates speak standard Liquid (Fluid): these pin the rules a designer can rely on.</summary>
public class LiquidSemanticsTests
{
    private static readonly CultureInfo Italian = CultureInfo.GetCultureInfo("it-IT");

    private static string Render(string source, string model = "{}", bool htmlEncode = false) =>
        LiquidTemplate.Parse(source).Render(JsonNode.Parse(model)!.AsObject(), Italian, htmlEncode);

    [Fact]
    public void An_empty_string_is_truthy_and_only_nil_and_false_are_falsy()
    {
        const string source = "{% if v %}yes{% else %}no{% endif %}";

        Assert.Equal("yes", Render(source, """{"v":""}"""));
        Assert.Equal("yes", Render(source, """{"v":0}"""));
        Assert.Equal("yes", Render(source, """{"v":[]}"""));
        Assert.Equal("no", Render(source, """{"v":null}"""));
        Assert.Equal("no", Render(source, """{"v":false}"""));
        Assert.Equal("no", Render(source));
        Assert.Equal("blank", Render("{% if v == blank %}blank{% endif %}", """{"v":""}"""));
    }

    [Fact]
    public void A_missing_variable_renders_empty_in_plain_liquid()
    {
        Assert.Equal("[][]", Render("[{{ nobody }}][{{ a.b.c }}]", """{"a":{}}"""));
    }

    [Fact]
    public void Escape_encodes_markup_and_the_html_part_encodes_every_value_by_default()
    {
        const string model = """{"v":"<script>alert('x')</script>"}""";
        const string encoded = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;";

        Assert.Equal(encoded, Render("{{ v | escape }}", model));
        Assert.Equal(encoded, Render("{{ v }}", model, htmlEncode: true));
        Assert.Equal(encoded, Render("{{ v | escape }}", model, htmlEncode: true));
        Assert.Equal("<script>alert('x')</script>", Render("{{ v }}", model));
        Assert.Equal("<b>", Render("{{ v | raw }}", """{"v":"<b>"}""", htmlEncode: true));
    }

    [Fact]
    public void A_script_in_a_model_value_reaches_the_email_html_encoded_and_the_text_part_as_written()
    {
        var renderer = new TemplateRenderer(Options.Create(new NotificationsOptions()));
        var model = SampleModels.For("final-act");
        model["outcome_text"] = "<script>alert(1)</script>";

        var rendered = renderer.Render("final-act", "it", model);

        Assert.DoesNotContain("<script>", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("<script>alert(1)</script>", rendered.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void For_loops_expose_forloop()
    {
        var rendered = Render(
            "{% for x in xs %}{{ forloop.index }}/{{ forloop.length }}:{{ x }}{% if forloop.first %}^{% endif %}{% if forloop.last %}${% else %},{% endif %}{% endfor %}"
            + "{% for x in xs %}{{ forloop.index0 }}{% endfor %}{% for x in none %}never{% else %} empty{% endfor %}",
            """{"xs":["a","b","c"],"none":[]}""");

        Assert.Equal("1/3:a^,2/3:b,3/3:c$012 empty", rendered);
    }

    [Fact]
    public void Date_formats_iso_dates_with_strftime_in_the_messages_language()
    {
        const string model = """{"d":"2026-11-03"}""";

        Assert.Equal("3 novembre 2026, martedì 03/11", Render("{{ d | date: \"%-d %B %Y, %A %d/%m\" }}", model));
        Assert.Equal("3 November 2026", LiquidTemplate.Parse("{{ d | date: \"%-d %B %Y\" }}")
            .Render(JsonNode.Parse(model)!.AsObject(), CultureInfo.GetCultureInfo("en-GB"), htmlEncode: false));
    }

    [Fact]
    public void A_message_template_refuses_a_blank_printed_value_but_accepts_a_default_and_an_absent_condition()
    {
        var strict = LiquidTemplate.Parse("{{ name }}{% if extra %}{{ extra }}{% endif %}{{ note | default: \"-\" }}", requirePrintedValues: true);

        Assert.Equal("Ada-", strict.Render(new JsonObject { ["name"] = "Ada" }, Italian, htmlEncode: false));
        var blank = Assert.Throws<LiquidException>(() => strict.Render(new JsonObject { ["name"] = "  " }, Italian, htmlEncode: false));
        Assert.Contains("name", blank.Message, StringComparison.Ordinal);
        Assert.Throws<LiquidException>(() => strict.Render(new JsonObject { ["name"] = "Ada", ["extra"] = "" }, Italian, htmlEncode: false));
        var inLoop = LiquidTemplate.Parse("{% for p in ps %}{{ p.officer }}{% endfor %}", requirePrintedValues: true);
        var lacking = Assert.Throws<LiquidException>(() => inLoop.Render(JsonNode.Parse("""{"ps":[{"officer":"Bianchi"},{}]}""")!.AsObject(), Italian, htmlEncode: false));
        Assert.Contains("p.officer", lacking.Message, StringComparison.Ordinal);
    }
}
