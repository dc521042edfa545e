using System.Text.Json.Nodes;
using CaseFlow.Workflows.Expressions;
using CaseFlow.Workflows.Runtime;

namespace CaseFlow.Workflows.Activities.Events;

/// <summary>
/// Elsa's Event: waits, on a durable bookmark keyed by the event's name, until an instance publishes it (PublishEvent,
/// or <see cref="WorkflowRuntime.PublishEventAsync(string, string?, JsonNode?, CancellationToken)"/>); its <c>result</c> is the
/// event's payload. Marked <c>canStartWorkflow</c> in a published definition, it is also a trigger: publishing the event
/// starts a new instance at this activity, which completes at once with the payload (Elsa's IsTriggerOfWorkflow).
/// </summary>
public sealed class Event : IActivityHandler
{
    public const string TypeName = "Elsa.Event";
    public const string BookmarkKind = "event";

    /// <summary>Where Elsa puts the payload in the input of an instance an event started.</summary>
    public const string PayloadInputKey = "__EventPayloadWorkflowInput";

    public ActivityDescriptor Descriptor { get; } = new(
        TypeName, Categories.Primitives, "Attendi evento", "Attende che un evento con questo nome sia pubblicato; come attività di avvio, l'evento avvia il procedimento.",
        [new InputDescriptor("eventName", "String", "Nome dell'evento", "Il nome dell'evento da attendere.", IsRequired: true)],
        ["Done"], Kind: "Trigger");

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var name = NameOf(context);
        if (context.IsTrigger)
        {
            context.SetOutput("result", JsonClr.ToClr(context.Scope.Input[PayloadInputKey]));
            return ValueTask.FromResult(ActivityResult.Done);
        }

        return ValueTask.FromResult(ActivityResult.Block(new BookmarkRequest(BookmarkKind, new JsonObject { ["eventName"] = name })));
    }

    public ValueTask<ActivityResult> ResumeAsync(ActivityContext context, StoredBookmark bookmark)
    {
        context.SetOutput("result", JsonClr.ToClr(context.ResumeInput?["payload"]));
        return ValueTask.FromResult(ActivityResult.Done);
    }

    private static string NameOf(ActivityContext context) => context.GetString("eventName") is { Length: > 0 } name && !string.IsNullOrWhiteSpace(name)
        ? name.Trim()
        : throw new ExpressionException($"'{context.Node.Id}' names no event to wait for.");
}
