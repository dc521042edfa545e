using CaseFlow.Workflows.Expressions;
using CaseFlow.Workflows.Runtime;

namespace CaseFlow.Workflows.Activities.Composition;

/// <summary>
/// Elsa's ExecuteWorkflow: a new instance of the published definition, with the given input; the activity's result is
/// the child's id, status, sub-status and output. Without waitForCompletion it completes once the child first waits or
/// finishes; with it, when the child finishes. A child that faults is reported in the result, as Elsa does.
/// </summary>
public sealed class ExecuteWorkflow : IActivityHandler
{
    public ActivityDescriptor Descriptor { get; } = new(
        "Elsa.ExecuteWorkflow", Categories.Flow, "Esegui procedimento", "Avvia un'istanza di un altro procedimento e ne attende l'esito.",
        Inputs, ["Done"], Kind: "Task");

    internal static readonly IReadOnlyList<InputDescriptor> Inputs =
    [
        new("workflowDefinitionId", "String", "Procedimento", "L'id della definizione da eseguire (la versione pubblicata).", "workflow-definition-picker", IsRequired: true),
        new("correlationId", "String", "Id di correlazione", "L'id di correlazione del procedimento avviato."),
        new("input", "Object", "Ingressi", "Gli ingressi del procedimento avviato (un oggetto).", UiHints.MultiLine, DefaultSyntax: "Object"),
        new("waitForCompletion", "Boolean", "Attendi la conclusione", "Attende che il procedimento avviato si concluda.", UiHints.Checkbox),
    ];

    public bool ResumableByToken => false;

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => ValueTask.FromResult(Start(context));

    public ValueTask<ActivityResult> ResumeAsync(ActivityContext context, StoredBookmark bookmark)
    {
        context.SetOutput("result", JsonClr.ToClr(ChildResult.From(context.ResumeInput).ToElsa()));
        return ValueTask.FromResult(ActivityResult.Done);
    }

    internal static ActivityResult Start(ActivityContext context)
    {
        var definitionId = context.GetString("workflowDefinitionId");
        if (string.IsNullOrWhiteSpace(definitionId))
        {
            throw new ExpressionException($"'{context.Node.Id}' names no workflow definition to run.");
        }

        return ChildWorkflow.Start(context, definitionId, null, ChildWorkflow.InputObject(context.Evaluate("input")), context.GetString("correlationId"),
            context.GetBool("waitForCompletion"));
    }
}
