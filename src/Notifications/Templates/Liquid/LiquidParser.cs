using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace CaseFlow.Notifications.Templates.Liquid;

/// <summary>
/// A parsed Liquid template, in the subset CaseFlow needs: <c>{{ value | filter: arg }}</c>, <c>if/elsif/else</c>,
/// <c>unless</c>, <c>for … in …</c> (with <c>forloop</c>), <c>comment</c> and whitespace control (<c>{%-</c>, <c>-%}</c>).
/// Written because Fluid 2.41.1 fails at run time with the only Parlot the package mirror has (2.2.1).
/// </summary>
public sealed class LiquidTemplate
{
    private readonly IReadOnlyList<LiquidNode> nodes;

    private LiquidTemplate(IReadOnlyList<LiquidNode> nodes) => this.nodes = nodes;

    public static LiquidTemplate Parse(string source) => new LiquidParser(source).ParseTemplate();

    internal static LiquidTemplate From(IReadOnlyList<LiquidNode> nodes) => new(nodes);

    public string Render(JsonObject model, CultureInfo culture, bool htmlEncode)
    {
        var output = new StringBuilder();
        var scope = new LiquidScope(model, culture, htmlEncode);
        foreach (var node in nodes)
        {
            node.Render(scope, output);
        }

        return output.ToString();
    }
}

internal sealed class LiquidParser
{
    private readonly List<(bool IsTag, string Content)> tokens = [];
    private int position;

    public LiquidParser(string source) => Tokenize(source);

    public LiquidTemplate ParseTemplate()
    {
        var (body, end) = ParseBlock();
        return end is null ? LiquidTemplate.From(body) : throw new LiquidException($"Unexpected '{{% {end} %}}'.");
    }

    private (List<LiquidNode> Body, string? EndTag) ParseBlock(params string[] terminators)
    {
        var body = new List<LiquidNode>();
        while (position < tokens.Count)
        {
            var (isTag, content) = tokens[position++];
            if (!isTag)
            {
                body.Add(new TextNode(content));
                continue;
            }

            if (content.StartsWith("{{", StringComparison.Ordinal))
            {
                body.Add(ParseOutput(content[2..^2].Trim(), content));
                continue;
            }

            var tag = content[2..^2].Trim();
            var name = tag.Split(' ', 2)[0];
            var argument = tag.Length > name.Length ? tag[name.Length..].Trim() : "";
            if (terminators.Contains(name))
            {
                return (body, tag);
            }

            body.Add(name switch
            {
                "if" or "unless" => ParseIf(argument, negate: name == "unless"),
                "for" => ParseFor(argument),
                "comment" => SkipComment(),
                _ => throw new LiquidException($"Unknown or misplaced tag '{{% {tag} %}}'."),
            });
        }

        return terminators.Length == 0 ? (body, null) : throw new LiquidException($"Missing '{{% {terminators[^1]} %}}'.");
    }

    private IfNode ParseIf(string condition, bool negate)
    {
        var end = negate ? "endunless" : "endif";
        var branches = new List<(string?, IReadOnlyList<LiquidNode>)>();
        var current = (string?)condition;
        while (true)
        {
            var (body, tag) = ParseBlock("elsif", "else", end);
            branches.Add((current, body));
            var tagName = tag!.Split(' ', 2)[0];
            if (tagName == end)
            {
                return new IfNode(branches, negate);
            }

            current = tagName == "else" ? null : tag[tagName.Length..].Trim();
        }
    }

    private ForNode ParseFor(string argument)
    {
        var parts = argument.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3 || parts[1] != "in")
        {
            throw new LiquidException($"Expected '{{% for item in list %}}', got '{argument}'.");
        }

        return new ForNode(parts[0], parts[2], ParseBlock("endfor").Body);
    }

    private TextNode SkipComment()
    {
        while (position < tokens.Count && !(tokens[position].IsTag && tokens[position].Content[2..^2].Trim() == "endcomment"))
        {
            position++;
        }

        position++;
        return new TextNode("");
    }

    private static OutputNode ParseOutput(string inner, string source)
    {
        var pieces = SplitOutsideQuotes(inner, "|");
        var filters = pieces.Skip(1).Select(piece =>
        {
            var colon = piece.IndexOf(':', StringComparison.Ordinal);
            return colon < 0
                ? new FilterCall(piece.Trim(), [])
                : new FilterCall(piece[..colon].Trim(), SplitOutsideQuotes(piece[(colon + 1)..], ",").Select(a => a.Trim()).ToList());
        }).ToList();
        return new OutputNode(pieces[0].Trim(), filters, source);
    }

    public static List<string> SplitOutsideQuotes(string text, string separator)
    {
        var parts = new List<string>();
        var start = 0;
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            if (quote is not null)
            {
                quote = text[i] == quote ? null : quote;
            }
            else if (text[i] is '"' or '\'')
            {
                quote = text[i];
            }
            else if (string.CompareOrdinal(text, i, separator, 0, separator.Length) == 0)
            {
                parts.Add(text[start..i]);
                start = i + separator.Length;
                i = start - 1;
            }
        }

        parts.Add(text[start..]);
        return parts;
    }

    private void Tokenize(string source)
    {
        var i = 0;
        var trimNext = false;
        while (i < source.Length)
        {
            var open = IndexOfOpening(source, i);
            var text = open < 0 ? source[i..] : source[i..open];
            if (trimNext)
            {
                text = text.TrimStart();
            }

            if (open < 0)
            {
                tokens.Add((false, text));
                break;
            }

            var closer = source[open + 1] == '{' ? "}}" : "%}";
            var close = source.IndexOf(closer, open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                throw new LiquidException($"'{source.Substring(open, Math.Min(20, source.Length - open))}…' is never closed.");
            }

            var tag = source[open..(close + 2)];
            if (tag.Length > 4 && tag[2] == '-')
            {
                text = text.TrimEnd();
                tag = tag[..2] + tag[3..];
            }

            trimNext = tag.Length > 4 && tag[^3] == '-';
            if (trimNext)
            {
                tag = tag[..^3] + tag[^2..];
            }

            tokens.Add((false, text));
            tokens.Add((true, tag));
            i = close + 2;
        }
    }

    private static int IndexOfOpening(string source, int from)
    {
        var output = source.IndexOf("{{", from, StringComparison.Ordinal);
        var tag = source.IndexOf("{%", from, StringComparison.Ordinal);
        return output < 0 ? tag : tag < 0 ? output : Math.Min(output, tag);
    }
}
