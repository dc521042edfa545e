using CaseFlow.Workflows.Expressions;
using CaseFlow.Workflows.Runtime;

namespace CaseFlow.Workflows.Activities.Events;

/// <summary>
/// Elsa's PublishEvent. In the publisher's own transaction, after its step is saved, the runtime resumes every instance
/// waiting on an Event of this name (only those whose correlation id matches, when one is given) and starts every
/// published definition whose trigger is that event; a local event reaches this instance's own waits only and starts
/// nothing, as in Elsa.
/// </summary>
public sealed class PublishEvent : IActivityHandler
{
    public ActivityDescriptor Descriptor { get; } = new(
        "Elsa.PublishEvent", Categories.Primitives, "Pubblica evento", "Pubblica un evento: riprende i procedimenti che lo attendono e avvia quelli che ne partono.",
        [
            new InputDescriptor("eventName", "String", "Nome dell'evento", "Il nome dell'evento da pubblicare.", IsRequired: true),
            new InputDescriptor("correlationId", "String", "Id di correlazione", "Limita l'evento ai procedimenti con questo id di correlazione."),
            new InputDescriptor("isLocalEvent", "Boolean", "Evento locale", "Consegna l'evento soltanto a questo procedimento.", UiHints.Checkbox),
            new InputDescriptor("payload", "Object", "Contenuto", "Il contenuto dell'evento.", UiHints.MultiLine),
        ],
        ["Done"]);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var name = context.GetString("eventName");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ExpressionException($"'{context.Node.Id}' names no event to publish.");
        }

        var correlationId = context.GetString("correlationId");
        context.EmitEffect(new EventPublished(name.Trim(), string.IsNullOrWhiteSpace(correlationId) ? null : correlationId,
            context.GetBool("isLocalEvent") ? context.InstanceId : null, JsonClr.ToNode(context.Evaluate("payload"))));
        return ValueTask.FromResult(ActivityResult.Done);
    }
}
