using CaseFlow.Workflows.Activities;
using System.Text.Json.Nodes;
using CaseFlow.Workflows.Runtime;

namespace CaseFlow.Cases.FinalAct;

/// <summary>Records the final act (provvedimento finale): granted or denied, with its text. The case layer closes the case.</summary>
public sealed class IssueFinalAct : IActivityHandler
{
    public const string TypeName = "CaseFlow.IssueFinalAct";

    public ActivityDescriptor Descriptor { get; } = new(
        TypeName, Categories.Desk, "Provvedimento finale", "Registra l'atto finale (accoglimento o rigetto) e chiude la pratica.",
        [
            new InputDescriptor("outcome", "String", "Esito", "Accoglimento o rigetto.", UiHints.DropDown, "granted",
                Options: [new("Accolta", "granted"), new("Respinta", "denied")], IsRequired: true),
            new InputDescriptor("text", "String", "Testo dell'atto", "Il dispositivo dell'atto.", UiHints.MultiLine),
        ],
        ["Done"]);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var outcome = context.GetString("outcome")?.Trim().ToLowerInvariant();
        if (outcome is not ("granted" or "denied"))
        {
            throw new CaseFlow.Workflows.Expressions.ExpressionException($"The final act's outcome must be 'granted' or 'denied', not '{outcome}'.");
        }

        context.Emit(new FinalActIssued(outcome, context.GetString("text")));
        return ValueTask.FromResult(ActivityResult.Done);
    }
}
