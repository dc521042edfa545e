using System.Text.Json.Nodes;
using CaseFlow.Workflows.Runtime;

namespace CaseFlow.Workflows.Activities.Flow;

/// <summary>Waits a duration on a durable timer row.</summary>
public sealed class Delay : IActivityHandler
{
    public ActivityDescriptor Descriptor { get; } = new(
        "Elsa.Delay", Categories.Terms, "Attesa", "Attende per la durata indicata (timer durevole).",
        [new InputDescriptor("timeSpan", "TimeSpan", "Durata", "Per esempio 00:05:00 o PT5M.", UiHints.SingleLine, "00:01:00")],
        ["Done"]);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var span = context.GetTimeSpan("timeSpan") ?? TimeSpan.Zero;
        return ValueTask.FromResult(span <= TimeSpan.Zero
            ? ActivityResult.Done
            : ActivityResult.Block(new BookmarkRequest("timer", new JsonObject { ["duration"] = span.ToString("c") }, context.Now + span)));
    }
}
