using System.Text.Json.Nodes;
using CaseFlow.Workflows.Expressions;
using CaseFlow.Workflows.Runtime;

namespace CaseFlow.Workflows.Activities.Flow;

/// <summary>
/// A loop over <c>items</c> whose <c>body</c> (one activity, a sequence or a flowchart) the step runs once per item,
/// with <c>CurrentValue</c> and <c>CurrentIndex</c> as variables of that iteration. The step drives it (see
/// WorkflowStep.Loops): every wait inside an iteration is an ordinary bookmark, so iterations survive restarts.
/// </summary>
public interface ILoopHandler : IActivityHandler
{
    /// <summary>True: every iteration starts at once and the loop completes when all have (ParallelForEach).</summary>
    bool Parallel { get; }
}

/// <summary>Elsa's ForEach: the body runs for each item in turn; <c>currentValue</c> may be bound to a variable.</summary>
public sealed class ForEach : ILoopHandler
{
    public ActivityDescriptor Descriptor { get; } = new(
        "Elsa.ForEach", Categories.Flow, "Per ogni elemento", "Esegue il corpo per ciascun elemento, uno dopo l'altro.",
        [new InputDescriptor("items", "Object", "Elementi", "Gli elementi su cui iterare.", DefaultSyntax: "JavaScript")],
        ["Done"], EmbeddedPorts: ["Body"]);

    public bool Parallel => false;

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => ValueTask.FromResult(ActivityResult.Done);

    /// <summary>The items as a list: an array, a JSON array in a string, or a single value.</summary>
    public static List<JsonNode?> ItemsOf(ActivityContext context) => context.Evaluate("items") switch
    {
        null => [],
        string s when s.TrimStart().StartsWith('[') => [.. (JsonNode.Parse(s) as JsonArray ?? []).Select(i => i?.DeepClone())],
        string s when string.IsNullOrWhiteSpace(s) => [],
        IEnumerable<object?> list and not IDictionary<string, object?> => [.. list.Select(JsonClr.ToNode)],
        var single => [JsonClr.ToNode(single)],
    };
}

/// <summary>Elsa's ParallelForEach: the body runs for every item at once; the loop completes when every iteration has.</summary>
public sealed class ParallelForEach : ILoopHandler
{
    public ActivityDescriptor Descriptor { get; } = new(
        "Elsa.ParallelForEach", Categories.Flow, "Per ogni elemento in parallelo", "Esegue il corpo per tutti gli elementi insieme e prosegue quando tutti hanno concluso.",
        [new InputDescriptor("items", "Object", "Elementi", "Gli elementi su cui iterare.", DefaultSyntax: "JavaScript")],
        ["Done"], EmbeddedPorts: ["Body"]);

    public bool Parallel => true;

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => ValueTask.FromResult(ActivityResult.Done);
}
