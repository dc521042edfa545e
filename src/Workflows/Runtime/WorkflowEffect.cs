using System.Text.Json.Nodes;

namespace CaseFlow.Workflows.Runtime;

/// <summary>
/// Something a step did that other modules act on in the same transaction (open an office task, write an outbox
/// row, close a case). Effects are how the runtime stays ignorant of cases while the case layer stays consistent.
/// </summary>
public abstract record WorkflowEffect;

public sealed record BookmarkCreated(StoredBookmark Bookmark) : WorkflowEffect;

/// <summary>A bookmark went away: resumed (<paramref name="Resumed"/>) or cancelled with its activity or instance.</summary>
public sealed record BookmarkRemoved(StoredBookmark Bookmark, bool Resumed, JsonObject? ResumeInput) : WorkflowEffect;

/// <summary>
/// An activity asks its surroundings for something. The payload is the module's own record (the desk's
/// <c>FinalActIssued</c>, say): the engine carries it within the step's transaction and never serialises it.
/// </summary>
public sealed record ActivitySignal(string ActivityId, string ActivityType, object Payload) : WorkflowEffect
{
    public string Name => Payload.GetType().Name;
}

public sealed record InstanceFinished(string SubStatus) : WorkflowEffect;

public sealed record InstanceFaulted(string ActivityId, string Message) : WorkflowEffect;

/// <summary>
/// An activity starts a child instance (ExecuteWorkflow, DispatchWorkflow, a workflow used as an activity). The runtime
/// starts it in the same transaction, after the step is saved, and resumes the activity's bookmark when the child
/// finishes — at once when <paramref name="Wait"/> is false.
/// </summary>
public sealed record ChildWorkflowRequested(
    string ChildInstanceId, string DefinitionId, string? DefinitionVersionId, JsonObject Input, string? CorrelationId, bool Wait, string BookmarkKind) : WorkflowEffect;

/// <summary>
/// An instance published an event (Elsa's PublishEvent). The runtime delivers it in the same transaction, after the step is
/// saved: to the waits of <paramref name="LocalInstanceId"/> only when set, otherwise to every matching wait and trigger.
/// </summary>
public sealed record EventPublished(string Name, string? CorrelationId, string? LocalInstanceId, JsonNode? Payload) : WorkflowEffect;
