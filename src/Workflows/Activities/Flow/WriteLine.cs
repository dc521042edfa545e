using CaseFlow.Workflows.Runtime;
using Microsoft.Extensions.Logging;

namespace CaseFlow.Workflows.Activities.Flow;

public sealed class WriteLine(ILogger<WriteLine> logger) : IActivityHandler
{
    public ActivityDescriptor Descriptor { get; } = new(
        "Elsa.WriteLine", Categories.Flow, "Scrivi nel registro", "Scrive un testo nel registro dell'applicazione.",
        [new InputDescriptor("text", "String", "Testo", "Il testo da scrivere.", UiHints.SingleLine)],
        ["Done"]);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var text = context.GetString("text");
        logger.LogInformation("WriteLine {ActivityId} in instance {InstanceId}: {Text}", context.Node.Id, context.Scope.InstanceId, text);
        context.JournalMessage = text;
        return ValueTask.FromResult(ActivityResult.Done);
    }
}
