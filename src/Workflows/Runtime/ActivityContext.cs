using System.Globalization;
using System.Text.Json.Nodes;
using CaseFlow.Workflows.Definitions;
using CaseFlow.Workflows.Expressions;

namespace CaseFlow.Workflows.Runtime;

/// <summary>What an activity handler sees while it runs: its node, typed input evaluation, the clock and effects.</summary>
public sealed class ActivityContext(
    ActivityNode node,
    ActiveActivity execution,
    ExpressionScope scope,
    TimeProvider clock,
    Action<WorkflowEffect> emit,
    Action<string?> setCorrelationId,
    JsonObject? resumeInput = null,
    Action<string?>? setName = null,
    JsonObject? workflowOutput = null)
{
    public ActivityNode Node { get; } = node;

    public ActiveActivity Execution { get; } = execution;

    public ExpressionScope Scope { get; } = scope;

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>The input given when the bookmark was resumed (e.g. an office task's outcome and note).</summary>
    public JsonObject? ResumeInput { get; } = resumeInput;

    /// <summary>Whether this activity is the trigger the instance was started at (an event's, say): it completes instead of waiting.</summary>
    public bool IsTrigger { get; internal set; }

    /// <summary>A message for the journal's entry of this step (WriteLine's text, say).</summary>
    public string? JournalMessage { get; set; }

    /// <summary>Tells the module that handles <typeparamref name="T"/> what this activity did, in the step's transaction.</summary>
    public void Emit<T>(T payload) where T : class => emit(new ActivitySignal(Node.Id, Node.Type, payload));

    /// <summary>Asks the runtime for something beyond a signal (a child instance).</summary>
    public void EmitEffect(WorkflowEffect effect) => emit(effect);

    /// <summary>The id of the instance this activity runs in.</summary>
    public string InstanceId => Scope.InstanceId;

    public void SetCorrelationId(string? value) => setCorrelationId(value);

    /// <summary>Renames the instance (Elsa's SetName).</summary>
    public void SetInstanceName(string? value) => setName?.Invoke(value);

    /// <summary>Sets one of the workflow's outputs (Elsa's SetOutput); they are part of the instance state.</summary>
    public void SetWorkflowOutput(string name, object? value)
    {
        if (workflowOutput is not null)
        {
            workflowOutput[name] = JsonClr.ToNode(value);
        }
    }

    /// <summary>Writes an activity output (e.g. <c>result</c>) to the variable the designer bound it to, if any.</summary>
    public void SetOutput(string output, object? value) => Scope.SetOutputTarget(Node.Json[output], value);

    /// <summary>The inputs evaluated so far, for the execution record (subject to the log persistence settings).</summary>
    internal Dictionary<string, object?> EvaluatedInputs { get; } = [];

    public object? Evaluate(string input)
    {
        var value = WorkflowExpression.From(Node.Json[input])?.Evaluate(Scope);
        EvaluatedInputs[input] = value;
        return value;
    }

    public string? GetString(string input) => JsonClr.AsString(Evaluate(input));

    public bool GetBool(string input) => Evaluate(input) switch
    {
        bool b => b,
        string s => bool.TryParse(s.Trim(), out var parsed) && parsed,
        long l => l != 0,
        double d => d != 0,
        null => false,
        _ => true,
    };

    public TimeSpan? GetTimeSpan(string input) => Evaluate(input) switch
    {
        null => null,
        TimeSpan t => t,
        double ms => TimeSpan.FromMilliseconds(ms),
        long ms => TimeSpan.FromMilliseconds(ms),
        var v => ParseTimeSpan(JsonClr.AsString(v)!, input),
    };

    public DateTimeOffset? GetDateTimeOffset(string input) => Evaluate(input) switch
    {
        null => null,
        DateTimeOffset d => d,
        DateTime d => new DateTimeOffset(d),
        var v => DateTimeOffset.TryParse(JsonClr.AsString(v), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : throw new ExpressionException($"Input '{input}' is not a date and time: '{v}'."),
    };

    /// <summary>A list input: a JSON array, a JSON array in a string, or comma/line separated text.</summary>
    public IReadOnlyList<string> GetStringList(string input) => ToStringList(Evaluate(input));

    public static IReadOnlyList<string> ToStringList(object? value) => value switch
    {
        null => [],
        IEnumerable<object?> items => items.Select(JsonClr.AsString).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()).ToList(),
        string s when s.TrimStart().StartsWith('[') => ToStringList(JsonClr.ToClr(JsonNode.Parse(s))),
        string s => s.Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        var other => [JsonClr.AsString(other)!],
    };

    /// <summary>Elsa writes TimeSpans as <c>d.hh:mm:ss</c>; ISO 8601 durations (<c>PT5M</c>) are accepted too.</summary>
    public static TimeSpan ParseTimeSpan(string text, string input)
    {
        text = text.Trim();
        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span))
        {
            return span;
        }

        try
        {
            return System.Xml.XmlConvert.ToTimeSpan(text);
        }
        catch (FormatException)
        {
            throw new ExpressionException($"Input '{input}' is not a duration: '{text}' (use 00:05:00 or PT5M).");
        }
    }
}
