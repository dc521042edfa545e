using System.Globalization;
using System.Text.Json.Nodes;
using CaseFlow.Notifications.Templates.Liquid;

namespace CaseFlow.Notifications.Templates;

/// <summary>
/// One <c>{template}.{language}.liquid</c> file: three sections introduced by lines <c>--- subject ---</c>,
/// <c>--- html ---</c> and <c>--- text ---</c>. Anything before the first marker is a comment for designers.
/// </summary>
public sealed class MessageTemplate
{
    private static readonly string[] Sections = ["subject", "html", "text"];
    private readonly LiquidTemplate subject;
    private readonly LiquidTemplate html;
    private readonly LiquidTemplate text;

    private MessageTemplate(LiquidTemplate subject, LiquidTemplate html, LiquidTemplate text)
    {
        this.subject = subject;
        this.html = html;
        this.text = text;
    }

    public static MessageTemplate Parse(string source, string fileName)
    {
        var parts = new Dictionary<string, List<string>>();
        List<string>? current = null;
        foreach (var line in source.ReplaceLineEndings("\n").Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("--- ", StringComparison.Ordinal) && trimmed.EndsWith(" ---", StringComparison.Ordinal))
            {
                var name = trimmed[4..^4].Trim();
                if (!Sections.Contains(name) || parts.ContainsKey(name))
                {
                    throw new LiquidException($"{fileName}: unexpected section marker '{trimmed}'.");
                }

                parts[name] = current = [];
                continue;
            }

            current?.Add(line);
        }

        var missing = Sections.Where(s => !parts.ContainsKey(s)).ToList();
        if (missing.Count > 0)
        {
            throw new LiquidException($"{fileName}: missing section(s) {string.Join(", ", missing)}.");
        }

        try
        {
            return new MessageTemplate(
                LiquidTemplate.Parse(string.Join('\n', parts["subject"]), requirePrintedValues: true),
                LiquidTemplate.Parse(string.Join('\n', parts["html"]), requirePrintedValues: true),
                LiquidTemplate.Parse(string.Join('\n', parts["text"]), requirePrintedValues: true));
        }
        catch (LiquidException ex)
        {
            throw new LiquidException($"{fileName}: {ex.Message}");
        }
    }

    public RenderedMessage Render(JsonObject model, CultureInfo culture)
    {
        // A subject is one line whatever the template's layout.
        var renderedSubject = string.Join(' ', subject.Render(model, culture, htmlEncode: false)
            .Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()).Where(s => s.Length > 0));
        return new RenderedMessage(
            renderedSubject,
            html.Render(model, culture, htmlEncode: true).Trim() + "\n",
            CollapseBlankLines(text.Render(model, culture, htmlEncode: false)));
    }

    // Tags on lines of their own leave runs of empty lines in the plain-text part; readers deserve one at most.
    private static string CollapseBlankLines(string value)
    {
        var lines = value.Split('\n').Select(l => l.TrimEnd()).ToList();
        var result = new List<string>();
        foreach (var line in lines)
        {
            if (line.Length == 0 && (result.Count == 0 || result[^1].Length == 0))
            {
                continue;
            }

            result.Add(line);
        }

        return string.Join('\n', result).Trim() + "\n";
    }
}
