using System.Globalization;
using System.Text.Json.Nodes;

namespace CaseFlow.Notifications.Templates.Liquid;

/// <summary>What a render can see: the model, loop variables, the language's culture and whether to HTML-encode.</summary>
internal sealed class LiquidScope(JsonObject model, CultureInfo culture, bool htmlEncode)
{
    private readonly Stack<IReadOnlyDictionary<string, object?>> locals = new();

    public CultureInfo Culture { get; } = culture;

    public bool HtmlEncode { get; } = htmlEncode;

    public void Push(IReadOnlyDictionary<string, object?> variables) => locals.Push(variables);

    public void Pop() => locals.Pop();

    public object? Evaluate(string expression)
    {
        expression = expression.Trim();
        if (expression.Length >= 2 && expression[0] is '"' or '\'' && expression[^1] == expression[0])
        {
            return expression[1..^1];
        }

        if (decimal.TryParse(expression, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        switch (expression)
        {
            case "true": return true;
            case "false": return false;
            case "nil" or "null" or "empty" or "blank": return null;
        }

        var segments = expression.Split('.');
        var first = segments[0];
        object? value = null;
        var found = false;
        foreach (var frame in locals)
        {
            if (frame.TryGetValue(first, out value))
            {
                found = true;
                break;
            }
        }

        if (!found)
        {
            value = LiquidValues.Member(model, first);
        }

        foreach (var segment in segments.Skip(1))
        {
            value = LiquidValues.Member(value, segment);
        }

        return value;
    }

    /// <summary>Conditions: <c>a</c>, <c>a == b</c> (==, !=, &gt;, &lt;, &gt;=, &lt;=, contains), joined by and / or.</summary>
    public bool Test(string condition)
    {
        var ors = LiquidParser.SplitOutsideQuotes(condition, " or ");
        if (ors.Count > 1)
        {
            return ors.Any(Test);
        }

        var ands = LiquidParser.SplitOutsideQuotes(condition, " and ");
        if (ands.Count > 1)
        {
            return ands.All(Test);
        }

        foreach (var op in new[] { "==", "!=", ">=", "<=", ">", "<", " contains " })
        {
            var parts = LiquidParser.SplitOutsideQuotes(condition, op);
            if (parts.Count != 2)
            {
                continue;
            }

            var left = Evaluate(parts[0]);
            var right = Evaluate(parts[1]);
            return op switch
            {
                "==" => LiquidValues.IsBlank(right) ? LiquidValues.IsBlank(left) : LiquidValues.Compare(left, right) == 0,
                "!=" => LiquidValues.IsBlank(right) ? !LiquidValues.IsBlank(left) : LiquidValues.Compare(left, right) != 0,
                ">=" => LiquidValues.Compare(left, right) >= 0,
                "<=" => LiquidValues.Compare(left, right) <= 0,
                ">" => LiquidValues.Compare(left, right) > 0,
                "<" => LiquidValues.Compare(left, right) < 0,
                _ => LiquidValues.Items(left).Any(i => LiquidValues.ToText(i) == LiquidValues.ToText(right))
                     || (left is string s && s.Contains(LiquidValues.ToText(right), StringComparison.Ordinal)),
            };
        }

        return LiquidValues.IsTruthy(Evaluate(condition));
    }
}
