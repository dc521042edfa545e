using System.Text.Json.Nodes;
using CaseFlow.Workflows.Runtime;

namespace CaseFlow.Workflows.Activities.Desk;

/// <summary>
/// Asks the citizen for missing documents (richiesta di integrazione). The legal clock is suspended — or, by input,
/// interrupted — until the documents arrive (port <c>Received</c>) or the cap passes (port <c>Expired</c>).
/// </summary>
public sealed class RequestIntegration : IActivityHandler
{
    public const string TypeName = "CaseFlow.RequestIntegration";
    public const string DocumentsKind = "documents";
    public const string CapKind = "timer";

    public ActivityDescriptor Descriptor { get; } = new(
        TypeName, Categories.Desk, "Richiesta di integrazione", "Chiede documenti al cittadino e sospende (o interrompe) il termine finché arrivano.",
        [
            new InputDescriptor("documents", "String[]", "Documenti richiesti", "Un documento per riga.", UiHints.MultiLine, IsRequired: true),
            new InputDescriptor("message", "String", "Messaggio al cittadino", "Come inviare i documenti.", UiHints.MultiLine),
            new InputDescriptor("mode", "String", "Effetto sul termine", "Sospende (art. 2 c.7) o interrompe il termine.", UiHints.DropDown, "Suspend",
                Options: [new("Sospende il termine", "Suspend"), new("Interrompe il termine", "Interrupt")]),
            new InputDescriptor("capDays", "Int32", "Giorni massimi di attesa", "Dopo questi giorni il termine riprende da sé (massimo 30 per la sospensione).", UiHints.SingleLine, 30),
        ],
        ["Received", "Expired"], Kind: "Task");

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var capDays = (int)Math.Clamp(Convert.ToDouble(context.Evaluate("capDays") ?? 30, System.Globalization.CultureInfo.InvariantCulture), 1, 365);
        var mode = string.Equals(context.GetString("mode"), "Interrupt", StringComparison.OrdinalIgnoreCase) ? "Interrupt" : "Suspend";
        var data = new JsonObject
        {
            ["documents"] = new JsonArray([.. context.GetStringList("documents").Select(d => (JsonNode)d)]),
            ["message"] = context.GetString("message"),
            ["mode"] = mode,
            ["capDays"] = capDays,
            ["requestedAt"] = context.Now.ToString("O"),
            ["expiresAt"] = (context.Now + TimeSpan.FromDays(capDays)).ToString("O"),
        };
        context.Emit("IntegrationRequested", data);
        return ValueTask.FromResult(ActivityResult.Block(
            new BookmarkRequest(DocumentsKind, (JsonObject)data.DeepClone()),
            new BookmarkRequest(CapKind, new JsonObject { ["capDays"] = capDays }, context.Now + TimeSpan.FromDays(capDays))));
    }

    public ValueTask<ActivityResult> ResumeAsync(ActivityContext context, StoredBookmark bookmark)
    {
        var received = bookmark.Kind == DocumentsKind;
        context.Emit(received ? "IntegrationReceived" : "IntegrationExpired", new JsonObject { ["at"] = context.Now.ToString("O") });
        return ValueTask.FromResult(ActivityResult.WithOutcomes(received ? "Received" : "Expired"));
    }
}
