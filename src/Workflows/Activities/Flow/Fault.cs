using CaseFlow.Workflows.Runtime;

namespace CaseFlow.Workflows.Activities.Flow;

/// <summary>Elsa's Fault: faults the instance on purpose, with an incident carrying the code, category, type and message.</summary>
public sealed class Fault : IActivityHandler
{
    public ActivityDescriptor Descriptor { get; } = new(
        "Elsa.Fault", Categories.Flow, "Errore", "Mette il procedimento in errore, con un incidente.",
        [
            new InputDescriptor("code", "String", "Codice", "Il codice che classifica l'errore."),
            new InputDescriptor("category", "String", "Categoria", "La categoria dell'errore (per esempio HTTP, Integrazione)."),
            new InputDescriptor("faultType", "String", "Tipo", "Il tipo di errore (per esempio System, Business, Integration)."),
            new InputDescriptor("message", "String", "Messaggio", "Il messaggio dell'errore."),
        ],
        ["Done"]);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) =>
        throw new WorkflowFaultException(
            context.GetString("code") ?? "0", context.GetString("category") ?? "General", context.GetString("faultType") ?? "System", context.GetString("message"));
}

/// <summary>A fault a definition raises itself (Elsa's FaultException): its fields go into the incident.</summary>
public sealed class WorkflowFaultException(string code, string category, string faultType, string? message)
    : Exception(message ?? $"Fault {code} ({category}, {faultType}).")
{
    public string Code { get; } = code;

    public string Category { get; } = category;

    public string FaultType { get; } = faultType;
}
