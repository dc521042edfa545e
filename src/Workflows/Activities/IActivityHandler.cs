using CaseFlow.Workflows.Definitions;
using CaseFlow.Workflows.Runtime;

namespace CaseFlow.Workflows.Activities;

/// <summary>The behaviour of one activity type. Handlers are stateless singletons: all state lives in the instance.</summary>
public interface IActivityHandler
{
    ActivityDescriptor Descriptor { get; }

    ValueTask<ActivityResult> ExecuteAsync(ActivityContext context);

    /// <summary>Called when one of the activity's bookmarks is resumed. By default the activity completes with <c>Done</c>.</summary>
    ValueTask<ActivityResult> ResumeAsync(ActivityContext context, StoredBookmark bookmark) => ValueTask.FromResult(ActivityResult.Done);

    /// <summary>
    /// The outcome ports of this activity as configured (dynamic for switches, forks and office tasks);
    /// null when they are only known at run time (an expression that is not a literal).
    /// </summary>
    IReadOnlyList<string>? PortsOf(ActivityNode node) => Descriptor.Ports;

    /// <summary>
    /// Whether Elsa's anonymous resume-by-token may resume this activity's bookmarks. People's work (an office task, a
    /// citizen's reply) says no: it goes through the module that checks who acts and records it.
    /// </summary>
    bool ResumableByToken => true;
}
