using System.Text.Json.Nodes;
using CaseFlow.Workflows.Expressions;
using CaseFlow.Workflows.Runtime;

namespace CaseFlow.Workflows.Activities.Composition;

/// <summary>
/// What the activities that run another workflow share: they ask the runtime for a child instance and wait on a
/// bookmark the runtime resumes, in the transaction where the child finishes, with the child's state
/// (<see cref="ChildResult"/>).
/// </summary>
internal static class ChildWorkflow
{
    public const string BookmarkKind = "ChildWorkflow";

    public static ActivityResult Start(ActivityContext context, string definitionId, string? versionId, JsonObject input, string? correlationId, bool wait)
    {
        var childId = Guid.CreateVersion7().ToString("N");
        // Elsa hands the child its parent's id among its inputs.
        input["ParentInstanceId"] = context.InstanceId;
        context.EmitEffect(new ChildWorkflowRequested(childId, definitionId, versionId, input, correlationId, wait, BookmarkKind));
        return ActivityResult.Block(new BookmarkRequest(BookmarkKind, new JsonObject { ["childInstanceId"] = childId, ["waitForCompletion"] = wait }));
    }

    /// <summary>An input that is a dictionary: an object, or JSON text of one.</summary>
    public static JsonObject InputObject(object? value) => value switch
    {
        null => [],
        string s when string.IsNullOrWhiteSpace(s) => [],
        string s => JsonNode.Parse(s) as JsonObject ?? throw new ExpressionException("The workflow input must be an object."),
        var other => JsonClr.ToNode(other) as JsonObject ?? throw new ExpressionException("The workflow input must be an object."),
    };
}

/// <summary>The child's state as the runtime hands it back on resume (Elsa's ExecuteWorkflowResult, plus the outcomes it completed with).</summary>
internal sealed record ChildResult(string WorkflowInstanceId, string Status, string SubStatus, JsonObject Output, IReadOnlyList<string> Outcomes, string? Fault)
{
    public static ChildResult From(JsonObject? input) => new(
        input?["workflowInstanceId"]?.GetValue<string>() ?? "",
        input?["status"]?.GetValue<string>() ?? "",
        input?["subStatus"]?.GetValue<string>() ?? "",
        input?["output"] as JsonObject ?? [],
        (input?["outcomes"] as JsonArray)?.Select(o => o!.GetValue<string>()).ToList() ?? [],
        input?["fault"]?.GetValue<string>());

    public bool Faulted => SubStatus == WorkflowSubStatus.Faulted;

    /// <summary>Elsa's ExecuteWorkflowResult as the activity's <c>result</c>.</summary>
    public JsonObject ToElsa() => new()
    {
        ["workflowInstanceId"] = WorkflowInstanceId,
        ["status"] = Status,
        ["subStatus"] = SubStatus,
        ["output"] = Output.DeepClone(),
    };
}

/// <summary>A child instance faulted and the activity that waited on it faults with it.</summary>
public sealed class ChildWorkflowFaultedException(string childInstanceId, string? message)
    : Exception($"Child workflow instance {childInstanceId} faulted: {message}");
