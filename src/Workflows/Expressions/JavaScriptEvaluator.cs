using Acornima;
using Jint;
using Jint.Native;
using Jint.Runtime;

namespace CaseFlow.Workflows.Expressions;

/// <summary>
/// JavaScript expressions on Jint with Elsa's functions (<c>getVariable</c>, <c>setVariable</c>, <c>getInput</c>,
/// <c>variables.X</c>, <c>getX()</c>/<c>setX()</c> per variable). Time, memory, statement and recursion limits make a
/// runaway script fault its instance instead of the host.
/// </summary>
public static class JavaScriptEvaluator
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public static void Compile(string script)
    {
        try
        {
            new Parser().ParseScript(script);
        }
        catch (ParseErrorException ex)
        {
            throw new ExpressionException($"JavaScript does not compile: {ex.Description} (line {ex.LineNumber}, column {ex.Column}).", ex);
        }
    }

    public static object? Evaluate(string script, ExpressionScope scope)
    {
        var engine = new Engine(options => options
            .LimitMemory(16_000_000)
            .TimeoutInterval(Timeout)
            .MaxStatements(200_000)
            .LimitRecursion(128)
            .Culture(System.Globalization.CultureInfo.InvariantCulture));

        engine.SetValue("getVariable", new Func<string, object?>(name => JsonClr.ToClr(scope.Variables.TryGetValue(name, out var v) ? v : null)));
        engine.SetValue("setVariable", new Action<string, JsValue>((name, value) => scope.Variables[name] = JsonClr.ToNode(value.ToObject())));
        engine.SetValue("getInput", new Func<string, object?>(name => JsonClr.ToClr(scope.Input[name])));
        engine.SetValue("getWorkflowInstanceId", new Func<string>(() => scope.InstanceId));
        engine.SetValue("getWorkflowDefinitionId", new Func<string>(() => scope.DefinitionId));
        engine.SetValue("getCorrelationId", new Func<string?>(() => scope.CorrelationId));
        engine.SetValue("variables", scope.Variables.ToDictionary(p => p.Key, p => JsonClr.ToClr(p.Value)));
        engine.SetValue("input", JsonClr.ToClr(scope.Input));
        foreach (var name in scope.Variables.Keys.Where(IsIdentifier).ToList())
        {
            var captured = name;
            engine.SetValue($"get{captured}", new Func<object?>(() => JsonClr.ToClr(scope.Variables.TryGetValue(captured, out var v) ? v : null)));
            engine.SetValue($"set{captured}", new Action<JsValue>(value => scope.Variables[captured] = JsonClr.ToNode(value.ToObject())));
        }

        try
        {
            var result = engine.Evaluate(script);
            return result.IsUndefined() || result.IsNull() ? null : result.ToObject();
        }
        catch (Exception ex) when (ex is JavaScriptException or TimeoutException or MemoryLimitExceededException
                                       or StatementsCountOverflowException or RecursionDepthOverflowException or ParseErrorException)
        {
            throw new ExpressionException($"JavaScript failed: {ex.Message}", ex);
        }
    }

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');
}
