using CaseFlow.Workflows.Activities;
using System.Text.Json.Nodes;
using CaseFlow.Workflows.Runtime;

namespace CaseFlow.Cases.Messages;

/// <summary>Queues a templated email to the citizen (written to the outbox in the step's transaction).</summary>
public sealed class NotifyCitizen : IActivityHandler
{
    public const string TypeName = "CaseFlow.NotifyCitizen";

    public ActivityDescriptor Descriptor { get; } = new(
        TypeName, Categories.Communications, "Avvisa il cittadino", "Invia al cittadino un messaggio da modello.",
        [
            new InputDescriptor("template", "String", "Modello", "Il modello del messaggio.", UiHints.DropDown, "step-advanced", OptionsSource: "templates", IsRequired: true),
            new InputDescriptor("message", "String", "Testo aggiuntivo", "Un testo libero inserito nel messaggio.", UiHints.MultiLine),
        ],
        ["Done"]);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        context.Emit(new CitizenNotificationRequested(context.GetString("template") ?? "step-advanced", context.GetString("message")));
        return ValueTask.FromResult(ActivityResult.Done);
    }
}
