using CaseFlow.Workflows.Definitions;
using CaseFlow.Workflows.Expressions;
using CaseFlow.Workflows.Runtime;
using Jint.Native;

namespace CaseFlow.Workflows.Activities.Flow;

/// <summary>
/// Elsa's RunJavaScript: runs <c>script</c> with the usual functions plus <c>setOutcome(name)</c> and
/// <c>setOutcomes([…])</c>; its value goes to the <c>result</c> output; without an outcome set it completes with Done.
/// </summary>
public sealed class RunJavaScript : IActivityHandler
{
    public ActivityDescriptor Descriptor { get; } = new(
        "Elsa.RunJavaScript", Categories.Flow, "Esegui JavaScript", "Esegue codice JavaScript.",
        [
            new InputDescriptor("script", "String", "Script", "Lo script da eseguire.", UiHints.Code, DefaultSyntax: "JavaScript"),
            new InputDescriptor("possibleOutcomes", "String[]", "Esiti possibili", "Gli esiti che lo script può scegliere con setOutcome().", UiHints.DynamicOutcomes),
        ],
        ["Done"]);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        // The script is the code itself, whether the designer stored it as a JavaScript or a Literal expression.
        var expression = WorkflowExpression.From(context.Node.Json["script"]);
        var script = expression?.Type is "JavaScript" or "Literal" ? JsonClr.AsString(JsonClr.ToClr(expression.Value)) : context.GetString("script");
        if (string.IsNullOrWhiteSpace(script))
        {
            return ValueTask.FromResult(ActivityResult.Done);
        }

        context.EvaluatedInputs["script"] = script;
        string[]? outcomes = null;
        var result = JavaScriptEvaluator.Evaluate(script, context.Scope, engine =>
        {
            engine.SetValue("setOutcome", new Action<string>(value => outcomes = [value]));
            engine.SetValue("setOutcomes", new Action<JsValue>(value => outcomes = [.. ActivityContext.ToStringList(value.ToObject())]));
        });
        if (result is not null)
        {
            context.SetOutput("result", result);
        }

        return ValueTask.FromResult(ActivityResult.WithOutcomes(outcomes is { Length: > 0 } ? outcomes : ["Done"]));
    }

    public IReadOnlyList<string>? PortsOf(ActivityNode node)
    {
        var expression = WorkflowExpression.From(node.Json["possibleOutcomes"]);
        if (expression is not null && expression.Type is not ("Literal" or "Object"))
        {
            return null;
        }

        var possible = expression is null ? [] : ActivityContext.ToStringList(expression.Evaluate(new ExpressionScope(new Dictionary<string, System.Text.Json.Nodes.JsonNode?>(), [], "", "", () => null)));
        return ["Done", .. possible.Where(o => o != "Done")];
    }
}
