using Acornima;
using Jint;
using Jint.Native;
using Jint.Runtime;

namespace CaseFlow.Workflows.Expressions;

/// <summary>
/// JavaScript expressions on Jint with Elsa's functions (<c>getVariable</c>, <c>setVariable</c>, <c>getInput</c>,
/// <c>variables.X</c>, <c>getX()</c>/<c>setX()</c> per variable, <c>getX()</c> per declared workflow input). As in Elsa, a
/// script may <c>return</c> at top level (<c>return getVariable('X') > 1;</c>). Time, memory, statement and recursion
/// limits make a runaway script fault its instance instead of the host.
/// </summary>
public static class JavaScriptEvaluator
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private static readonly ParserOptions Parsing = new() { AllowReturnOutsideFunction = true };
    private static readonly ScriptParsingOptions ScriptParsing = new() { AllowReturnOutsideFunction = true };

    public static void Compile(string script)
    {
        try
        {
            new Parser(Parsing).ParseScript(script);
        }
        catch (ParseErrorException ex)
        {
            throw new ExpressionException($"JavaScript does not compile: {ex.Description} (line {ex.LineNumber}, column {ex.Column}).", ex);
        }
    }

    /// <summary>Runs a script; <paramref name="configure"/> adds an activity's own functions (RunJavaScript's <c>setOutcome</c>).</summary>
    public static object? Evaluate(string script, ExpressionScope scope, Action<Engine>? configure = null)
    {
        var engine = new Engine(options => options
            .LimitMemory(16_000_000)
            .TimeoutInterval(Timeout)
            .MaxStatements(200_000)
            .LimitRecursion(128)
            .Culture(System.Globalization.CultureInfo.InvariantCulture));

        engine.SetValue("getVariable", new Func<string, object?>(name => JsonClr.ToClr(scope.Variables.TryGetValue(name, out var v) ? v : null)));
        engine.SetValue("setVariable", new Action<string, JsValue>((name, value) => scope.SetVariable(name, value.ToObject())));
        engine.SetValue("getInput", new Func<string, object?>(name => JsonClr.ToClr(scope.GetInput(name))));
        engine.SetValue("getWorkflowInstanceId", new Func<string>(() => scope.InstanceId));
        engine.SetValue("getWorkflowDefinitionId", new Func<string>(() => scope.DefinitionId));
        engine.SetValue("getCorrelationId", new Func<string?>(() => scope.CorrelationId));
        engine.SetValue("variables", scope.Variables.ToDictionary(p => p.Key, p => JsonClr.ToClr(p.Value)));
        engine.SetValue("input", JsonClr.ToClr(scope.Input));
        foreach (var name in scope.Variables.Keys.Where(IsIdentifier).ToList())
        {
            var captured = name;
            var getter = new Func<object?>(() => JsonClr.ToClr(scope.Variables.TryGetValue(captured, out var v) ? v : null));
            var setter = new Action<JsValue>(value => scope.SetVariable(captured, value.ToObject()));
            // Elsa pascalizes the name (getCounter() for "counter"); the name as written is kept for older definitions.
            foreach (var accessor in new[] { captured, Pascalize(captured) }.Distinct())
            {
                engine.SetValue($"get{accessor}", getter);
                engine.SetValue($"set{accessor}", setter);
            }
        }

        // After the variables, as in Elsa: an input's getter wins over a variable's of the same name.
        foreach (var name in scope.DeclaredInputs.Where(IsIdentifier))
        {
            var captured = name;
            engine.SetValue($"get{captured}", new Func<object?>(() => JsonClr.ToClr(scope.GetInput(captured))));
        }

        configure?.Invoke(engine);
        try
        {
            var result = engine.Evaluate(script, ScriptParsing);
            return result.IsUndefined() || result.IsNull() ? null : result.ToObject();
        }
        catch (Exception ex) when (ex is JavaScriptException or TimeoutException or MemoryLimitExceededException
                                       or StatementsCountOverflowException or RecursionDepthOverflowException or ParseErrorException)
        {
            throw new ExpressionException($"JavaScript failed: {ex.Message}", ex);
        }
    }

    /// <summary>Humanizer's Pascalize as Elsa uses it: <c>my_counter</c> and <c>my counter</c> → <c>MyCounter</c>.</summary>
    internal static string Pascalize(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length);
        var upper = true;
        foreach (var c in name)
        {
            if (c is '_' or ' ' or '-')
            {
                upper = true;
                continue;
            }

            builder.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return builder.ToString();
    }

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');
}
