using System.Text.Json.Nodes;
using CaseFlow.Workflows.Runtime;

namespace CaseFlow.Workflows.Activities.Flow;

/// <summary>
/// Elsa's Timer. Inside a flowchart it waits one <c>interval</c> each time it is reached. Marked <c>canStartWorkflow</c>
/// in a published definition it is a trigger: as in Elsa, the first instance starts one interval after publishing and
/// one more every interval after that (<see cref="Timers.TriggerSchedules"/>), and the trigger completes at once.
/// </summary>
public sealed class Timer : IActivityHandler
{
    public ActivityDescriptor Descriptor { get; } = new(
        TypeName, Categories.Terms, "Timer", "Attende l'intervallo indicato (timer durevole); come attività di avvio, avvia il procedimento a ogni intervallo.",
        [new InputDescriptor("interval", "TimeSpan", "Intervallo", "Per esempio 00:05:00 o PT5M.", UiHints.SingleLine, "00:01:00")],
        ["Done"], Kind: "Trigger");

    public const string TypeName = "Elsa.Timer";

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        if (context.IsTrigger)
        {
            return ValueTask.FromResult(ActivityResult.Done);
        }

        var span = context.GetTimeSpan("interval") ?? TimeSpan.Zero;
        return ValueTask.FromResult(span <= TimeSpan.Zero
            ? ActivityResult.Done
            : ActivityResult.Block(new BookmarkRequest("timer", new JsonObject { ["interval"] = span.ToString("c") }, context.Now + span)));
    }
}
