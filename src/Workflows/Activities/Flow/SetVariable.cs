using System.Text.Json.Nodes;
using CaseFlow.Workflows.Expressions;
using CaseFlow.Workflows.Runtime;

namespace CaseFlow.Workflows.Activities.Flow;

/// <summary>Elsa's SetVariable: <c>variable</c> is a reference <c>{id, name}</c>, <c>value</c> an expression.</summary>
public sealed class SetVariable : IActivityHandler
{
    public ActivityDescriptor Descriptor { get; } = new(
        "Elsa.SetVariable", Categories.Flow, "Imposta variabile", "Assegna un valore a una variabile del procedimento.",
        [
            new InputDescriptor("variable", "Elsa.Workflows.Memory.Variable", "Variabile", "La variabile da impostare.", UiHints.VariablePicker, IsWrapped: false),
            new InputDescriptor("value", "Object", "Valore", "Il valore da assegnare.", UiHints.SingleLine),
        ],
        ["Done"]);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var name = VariableName(context.Node.Json["variable"])
                   ?? throw new ExpressionException($"SetVariable '{context.Node.Id}' names no variable.");
        context.Scope.SetVariable(name, context.Evaluate("value"));
        return ValueTask.FromResult(ActivityResult.Done);
    }

    public static string? VariableName(JsonNode? reference) => reference switch
    {
        JsonObject obj => obj["name"]?.GetValue<string>() ?? obj["id"]?.GetValue<string>(),
        JsonValue value => value.GetValue<string>(),
        _ => null,
    };
}
