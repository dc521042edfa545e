using CaseFlow.Workflows.Expressions;
using CaseFlow.Workflows.Runtime;

namespace CaseFlow.Workflows.Activities.Flow;

/// <summary>Elsa's SetOutput: assigns a value to one of the workflow's declared outputs.</summary>
public sealed class SetOutput : IActivityHandler
{
    public ActivityDescriptor Descriptor { get; } = new(
        "Elsa.SetOutput", Categories.Flow, "Imposta uscita", "Assegna un valore a un'uscita del procedimento.",
        [
            new InputDescriptor("outputName", "String", "Uscita", "L'uscita da assegnare.", UiHints.OutputPicker),
            new InputDescriptor("outputValue", "Object", "Valore", "Il valore da assegnare."),
        ],
        ["Done"]);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var name = context.GetString("outputName");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ExpressionException($"SetOutput '{context.Node.Id}' names no output.");
        }

        context.SetWorkflowOutput(name, context.Evaluate("outputValue"));
        return ValueTask.FromResult(ActivityResult.Done);
    }
}
