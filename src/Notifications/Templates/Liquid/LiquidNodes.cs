using System.Text;

namespace CaseFlow.Notifications.Templates.Liquid;

internal abstract record LiquidNode
{
    public abstract void Render(LiquidScope scope, StringBuilder output);

    protected static void RenderAll(IEnumerable<LiquidNode> nodes, LiquidScope scope, StringBuilder output)
    {
        foreach (var node in nodes)
        {
            node.Render(scope, output);
        }
    }
}

internal sealed record TextNode(string Text) : LiquidNode
{
    public override void Render(LiquidScope scope, StringBuilder output) => output.Append(Text);
}

internal sealed record FilterCall(string Name, IReadOnlyList<string> Arguments);

/// <summary><c>{{ path | filter: arg }}</c>. A missing value is an error unless a <c>default</c> filter supplies one.</summary>
internal sealed record OutputNode(string Expression, IReadOnlyList<FilterCall> Filters, string Source) : LiquidNode
{
    public override void Render(LiquidScope scope, StringBuilder output)
    {
        var value = scope.Evaluate(Expression);
        if (LiquidValues.IsBlank(value) && !Filters.Any(f => f.Name == "default"))
        {
            throw new LiquidException($"'{Source}' has no value: the model lacks '{Expression}'.");
        }

        var raw = false;
        foreach (var filter in Filters)
        {
            if (filter.Name == "raw")
            {
                raw = true;
                continue;
            }

            value = LiquidFilters.Apply(filter, value, scope);
        }

        var text = LiquidValues.ToText(value);
        // HTML parts escape every value by default, so a citizen's name cannot inject markup.
        output.Append(scope.HtmlEncode && !raw ? System.Net.WebUtility.HtmlEncode(text) : text);
    }
}

internal sealed record IfNode(IReadOnlyList<(string? Condition, IReadOnlyList<LiquidNode> Body)> Branches, bool Negate) : LiquidNode
{
    public override void Render(LiquidScope scope, StringBuilder output)
    {
        for (var i = 0; i < Branches.Count; i++)
        {
            var (condition, body) = Branches[i];
            var taken = condition is null || scope.Test(condition) != (Negate && i == 0);
            if (taken)
            {
                RenderAll(body, scope, output);
                return;
            }
        }
    }
}

internal sealed record ForNode(string Variable, string Collection, IReadOnlyList<LiquidNode> Body) : LiquidNode
{
    public override void Render(LiquidScope scope, StringBuilder output)
    {
        var items = LiquidValues.Items(scope.Evaluate(Collection));
        for (var i = 0; i < items.Count; i++)
        {
            var forloop = new Dictionary<string, object?>
            {
                ["index"] = (decimal)(i + 1),
                ["index0"] = (decimal)i,
                ["first"] = i == 0,
                ["last"] = i == items.Count - 1,
                ["length"] = (decimal)items.Count,
            };
            scope.Push(new Dictionary<string, object?> { [Variable] = items[i], ["forloop"] = forloop });
            RenderAll(Body, scope, output);
            scope.Pop();
        }
    }
}
