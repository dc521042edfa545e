using System.Collections.Concurrent;
using System.Globalization;
using Fluid;

namespace CaseFlow.Workflows.Expressions;

/// <summary>
/// Liquid expressions, rendered by Fluid as Elsa 3 does. A template sees <c>Variables</c>, <c>Input</c>,
/// <c>CorrelationId</c>, <c>WorkflowInstanceId</c> and <c>WorkflowDefinitionId</c> (Elsa's names) and
/// <c>Workflow.Id</c> / <c>.DefinitionId</c> / <c>.CorrelationId</c>; output is not HTML-encoded.
/// </summary>
public static class LiquidEvaluator
{
    // A range loop can be made arbitrarily long; a bounded number of steps keeps one expression from holding a worker.
    private const int MaxSteps = 100_000;
    private const int MaxCachedTemplates = 2_000;

    private static readonly FluidParser Parser = new();
    private static readonly TemplateOptions Options = new()
    {
        CultureInfo = CultureInfo.InvariantCulture,
        TimeZone = TimeZoneInfo.Utc,
        MaxSteps = MaxSteps,
    };

    // Definitions hold a bounded set of expressions; the cap only guards against sources built at run time.
    private static readonly ConcurrentDictionary<string, IFluidTemplate> Cache = new(StringComparer.Ordinal);

    public static IFluidTemplate Compile(string source)
    {
        if (Cache.TryGetValue(source, out var cached))
        {
            return cached;
        }

        if (!Parser.TryParse(source, out var template, out var error))
        {
            throw new ExpressionException($"Liquid does not compile: {error.ReplaceLineEndings(" ").Trim()}");
        }

        if (Cache.Count >= MaxCachedTemplates)
        {
            Cache.Clear();
        }

        return Cache.GetOrAdd(source, template);
    }

    public static string Evaluate(string source, ExpressionScope scope)
    {
        var template = Compile(source);
        var context = new TemplateContext(Options);
        context.SetValue("Variables", scope.Variables.ToDictionary(p => p.Key, p => JsonClr.ToClr(p.Value)));
        context.SetValue("Input", JsonClr.ToClr(scope.Input));
        context.SetValue("CorrelationId", scope.CorrelationId);
        context.SetValue("WorkflowInstanceId", scope.InstanceId);
        context.SetValue("WorkflowDefinitionId", scope.DefinitionId);
        context.SetValue("Workflow", new Dictionary<string, object?>
        {
            ["Id"] = scope.InstanceId,
            ["DefinitionId"] = scope.DefinitionId,
            ["CorrelationId"] = scope.CorrelationId,
        });
        try
        {
            return template.Render(context, NullEncoder.Default);
        }
        catch (Exception ex) when (ex is FluidException or InvalidOperationException or FormatException)
        {
            throw new ExpressionException($"Liquid failed: {ex.Message}", ex);
        }
    }
}
