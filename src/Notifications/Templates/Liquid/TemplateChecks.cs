using Fluid;
using Fluid.Ast;

namespace CaseFlow.Notifications.Templates.Liquid;

/// <summary>
/// Walks a parsed template once: refuses filters Fluid does not know (a typo would otherwise print the raw value),
/// and, when asked, turns each <c>{{ … }}</c> without a <c>default</c> filter into a <see cref="RequiredOutput"/>.
/// </summary>
internal sealed class TemplateChecks(FilterCollection filters, bool requirePrintedValues) : AstRewriter
{
    protected override Expression VisitFilterExpression(FilterExpression filterExpression)
    {
        if (!filters.TryGetValue(filterExpression.Name, out _))
        {
            throw new LiquidException($"Unknown filter '{filterExpression.Name}'.");
        }

        return base.VisitFilterExpression(filterExpression);
    }

    protected override Statement VisitOutputStatement(OutputStatement outputStatement)
    {
        var visited = base.VisitOutputStatement(outputStatement);
        if (!requirePrintedValues || visited is not OutputStatement output)
        {
            return visited;
        }

        var expression = output.Expression;
        while (expression is FilterExpression filter)
        {
            if (filter.Name == "default")
            {
                return output;
            }

            expression = filter.Input;
        }

        return expression is MemberExpression member
            ? new RequiredOutput(output, string.Join('.', member.Segments.OfType<IdentifierSegment>().Select(s => s.Identifier)))
            : output;
    }
}
