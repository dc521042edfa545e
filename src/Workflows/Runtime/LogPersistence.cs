using System.Text.Json.Nodes;
using CaseFlow.Workflows.Definitions;
using CaseFlow.Workflows.Expressions;

namespace CaseFlow.Workflows.Runtime;

/// <summary>
/// Elsa's log persistence settings: which evaluated inputs of an activity are kept in its execution record
/// (<c>activityState</c>). Read from <c>customProperties.logPersistenceConfig</c> (<c>default</c>, <c>inputs.{name}</c>:
/// a strategy Include/Exclude/Inherit or an expression) or the older <c>customProperties.logPersistenceMode</c>, on the
/// activity, then the workflow; Inherit all the way up means Include, as in Elsa.
/// </summary>
internal static class LogPersistence
{
    private enum Mode
    {
        Inherit,
        Include,
        Exclude,
    }

    public static JsonObject? Persistable(JsonObject document, ActivityNode node, IReadOnlyDictionary<string, object?> evaluated, ExpressionScope scope)
    {
        if (evaluated.Count == 0)
        {
            return null;
        }

        var workflowDefault = DefaultOf(document["customProperties"] as JsonObject, scope, Mode.Include);
        var activity = node.Json["customProperties"] as JsonObject;
        var activityDefault = DefaultOf(activity, scope, workflowDefault);
        var state = new JsonObject();
        foreach (var (name, value) in evaluated)
        {
            var mode = ModeOf((activity?["logPersistenceConfig"] as JsonObject)?["inputs"]?[name], scope)
                       ?? ModeOf((activity?["logPersistenceMode"] as JsonObject)?["inputs"]?[name], scope)
                       ?? Mode.Inherit;
            if ((mode == Mode.Inherit ? activityDefault : mode) != Mode.Exclude)
            {
                state[name] = JsonClr.ToNode(value);
            }
        }

        return state;
    }

    private static Mode DefaultOf(JsonObject? customProperties, ExpressionScope scope, Mode inherited)
    {
        var mode = ModeOf((customProperties?["logPersistenceConfig"] as JsonObject)?["default"], scope)
                   ?? ModeOf((customProperties?["logPersistenceMode"] as JsonObject)?["default"], scope)
                   ?? Mode.Inherit;
        return mode == Mode.Inherit ? inherited : mode;
    }

    private static Mode? ModeOf(JsonNode? setting, ExpressionScope scope)
    {
        switch (setting)
        {
            case JsonValue value:
                return Parse(JsonClr.ToClr(value));
            case JsonObject config when string.Equals(config["evaluationMode"]?.ToString(), "Expression", StringComparison.OrdinalIgnoreCase):
                try
                {
                    return Parse(WorkflowExpression.From(config["expression"])?.Evaluate(scope));
                }
                catch (ExpressionException)
                {
                    // Elsa logs and falls back to the default when the expression fails.
                    return null;
                }

            case JsonObject config:
                // "Elsa.Workflows.LogPersistence.Strategies.Exclude, Elsa.Workflows.Core" → Exclude.
                var strategy = config["strategyType"]?.ToString()?.Split(',')[0];
                return Parse(strategy?[(strategy.LastIndexOf('.') + 1)..]);
            default:
                return null;
        }
    }

    private static Mode? Parse(object? value) => value switch
    {
        long n when n is >= 0 and <= 2 => (Mode)n,
        string s when Enum.TryParse<Mode>(s, ignoreCase: true, out var mode) => mode,
        _ => null,
    };
}
