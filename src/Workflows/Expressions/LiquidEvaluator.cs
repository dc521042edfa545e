using DotLiquid;
using DotLiquid.Exceptions;

namespace CaseFlow.Workflows.Expressions;

/// <summary>
/// Liquid expressions; the model exposes <c>Variables</c>, <c>Input</c> and <c>Workflow</c> as Elsa does.
/// DotLiquid, because Fluid cannot run against the only Parlot version our package registry serves.
/// </summary>
public static class LiquidEvaluator
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public static Template Compile(string source)
    {
        try
        {
            return Template.Parse(source);
        }
        catch (SyntaxException ex)
        {
            throw new ExpressionException($"Liquid does not compile: {ex.Message}", ex);
        }
    }

    public static string Evaluate(string source, ExpressionScope scope)
    {
        var template = Compile(source);
        var model = Hash.FromDictionary(new Dictionary<string, object?>
        {
            ["Variables"] = scope.Variables.ToDictionary(p => p.Key, p => JsonClr.ToClr(p.Value)),
            ["Input"] = JsonClr.ToClr(scope.Input),
            ["Workflow"] = new Dictionary<string, object?>
            {
                ["Id"] = scope.InstanceId,
                ["DefinitionId"] = scope.DefinitionId,
                ["CorrelationId"] = scope.CorrelationId,
            },
            ["CorrelationId"] = scope.CorrelationId,
        });
        try
        {
            var result = template.Render(new RenderParameters(System.Globalization.CultureInfo.InvariantCulture)
            {
                LocalVariables = model,
                Timeout = (int)Timeout.TotalMilliseconds,
                ErrorsOutputMode = ErrorsOutputMode.Rethrow,
            });
            return result;
        }
        catch (Exception ex) when (ex is LiquidException or TimeoutException or InvalidOperationException)
        {
            throw new ExpressionException($"Liquid failed: {ex.Message}", ex);
        }
    }
}
