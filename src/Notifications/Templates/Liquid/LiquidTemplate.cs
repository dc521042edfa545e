using System.Globalization;
using System.Text.Json.Nodes;
using Fluid;

namespace CaseFlow.Notifications.Templates.Liquid;

/// <summary>
/// One Liquid template, parsed and rendered by Fluid with standard Liquid semantics. The only CaseFlow additions:
/// an unknown filter is an error (at parse time), and <paramref name="requirePrintedValues"/> on <see cref="Parse"/>.
/// </summary>
public sealed class LiquidTemplate
{
    // Both are thread-safe once built; one of each serves every template.
    private static readonly FluidParser Parser = new();
    private static readonly TemplateOptions Options = new() { StrictFilters = true, TimeZone = TimeZoneInfo.Utc };

    private readonly IFluidTemplate template;

    private LiquidTemplate(IFluidTemplate template) => this.template = template;

    /// <param name="source">Liquid source.</param>
    /// <param name="requirePrintedValues">
    /// Make <c>{{ x }}</c> an error when <c>x</c> is missing or blank (unless it has a <c>default</c> filter), where
    /// standard Liquid prints nothing: a citizen's message must never go out with an empty protocol number.
    /// </param>
    public static LiquidTemplate Parse(string source, bool requirePrintedValues = false)
    {
        if (!Parser.TryParse(source, out var parsed, out var error))
        {
            throw new LiquidException(error.ReplaceLineEndings(" ").Trim());
        }

        return new LiquidTemplate(new TemplateChecks(Options.Filters, requirePrintedValues).VisitTemplate(parsed));
    }

    /// <summary>Renders with the model's fields as top-level names; <paramref name="htmlEncode"/> encodes every printed value.</summary>
    public string Render(JsonObject model, CultureInfo culture, bool htmlEncode)
    {
        var context = new TemplateContext(Options) { CultureInfo = culture };
        foreach (var (name, value) in model)
        {
            context.SetValue(name, LiquidModel.ToClr(value));
        }

        try
        {
            return template.Render(context, htmlEncode ? HtmlValueEncoder.Instance : NullEncoder.Default);
        }
        catch (Exception ex) when (ex is FluidException or InvalidOperationException or FormatException)
        {
            throw new LiquidException(ex.Message, ex);
        }
    }
}
