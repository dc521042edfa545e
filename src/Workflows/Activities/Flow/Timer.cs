using System.Text.Json.Nodes;
using CaseFlow.Workflows.Runtime;

namespace CaseFlow.Workflows.Activities.Flow;

/// <summary>
/// Elsa's Timer. Inside a flowchart it waits one <c>interval</c> each time it is reached (as a trigger of a whole
/// workflow Elsa repeats it; CaseFlow starts procedures from the desk, not from timers).
/// </summary>
public sealed class Timer : IActivityHandler
{
    public ActivityDescriptor Descriptor { get; } = new(
        "Elsa.Timer", Categories.Terms, "Timer", "Attende l'intervallo indicato (timer durevole).",
        [new InputDescriptor("interval", "TimeSpan", "Intervallo", "Per esempio 00:05:00 o PT5M.", UiHints.SingleLine, "00:01:00")],
        ["Done"], Kind: "Trigger");

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var span = context.GetTimeSpan("interval") ?? TimeSpan.Zero;
        return ValueTask.FromResult(span <= TimeSpan.Zero
            ? ActivityResult.Done
            : ActivityResult.Block(new BookmarkRequest("timer", new JsonObject { ["interval"] = span.ToString("c") }, context.Now + span)));
    }
}
