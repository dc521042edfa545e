using System.Text.Json.Nodes;
using CaseFlow.Workflows.Runtime;

namespace CaseFlow.Workflows.Activities.Flow;

/// <summary>Waits until an instant; one already past completes at once.</summary>
public sealed class StartAt : IActivityHandler
{
    public ActivityDescriptor Descriptor { get; } = new(
        "Elsa.StartAt", Categories.Terms, "Alla data", "Attende fino alla data e ora indicate (timer durevole).",
        [new InputDescriptor("dateTime", "DateTimeOffset", "Data e ora", "Quando proseguire.", UiHints.DateTimePicker)],
        ["Done"], Kind: "Trigger");

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var at = context.GetDateTimeOffset("dateTime");
        return ValueTask.FromResult(at is null || at <= context.Now
            ? ActivityResult.Done
            : ActivityResult.Block(new BookmarkRequest("timer", new JsonObject { ["at"] = at.Value.ToString("O") }, at)));
    }
}
