using CaseFlow.Workflows.Activities;
using System.Text.Json.Nodes;
using CaseFlow.Workflows.Runtime;

namespace CaseFlow.Cases.Integration;

/// <summary>
/// Asks for missing documents (richiesta di integrazione): from the citizen, or from another administration where
/// art. 2 c.7 lets the office acquire them itself. The legal clock is suspended — or, by input, interrupted — until
/// the documents arrive (port <c>Received</c>) or the cap passes (port <c>Expired</c>).
/// </summary>
public sealed class RequestIntegration : IActivityHandler
{
    public const string TypeName = "CaseFlow.RequestIntegration";

    /// <summary>People's work: resumed only through the case API, which checks who acts and records it.</summary>
    public bool ResumableByToken => false;
    public const string DocumentsKind = "documents";
    public const string CapKind = "timer";

    public ActivityDescriptor Descriptor { get; } = new(
        TypeName, Categories.Desk, "Richiesta di integrazione", "Chiede documenti al cittadino e sospende (o interrompe) il termine finché arrivano.",
        [
            new InputDescriptor("documents", "String[]", "Documenti richiesti", "Un documento per riga.", UiHints.MultiLine, IsRequired: true),
            new InputDescriptor("message", "String", "Messaggio al cittadino", "Come inviare i documenti.", UiHints.MultiLine),
            new InputDescriptor("mode", "String", "Effetto sul termine", "Sospende (art. 2 c.7) o interrompe il termine.", UiHints.DropDown, "Suspend",
                Options: [new("Sospende il termine", "Suspend"), new("Interrompe il termine", "Interrupt")]),
            new InputDescriptor("source", "String", "Chi fornisce i documenti", "Il cittadino, o un'altra amministrazione (art. 2 c.7).", UiHints.DropDown, "Citizen",
                Options: [new("Il cittadino", "Citizen"), new("Un'altra amministrazione", "Administration")]),
            new InputDescriptor("capDays", "Int32", "Giorni massimi di attesa", "Dopo questi giorni il termine riprende da sé (massimo 30 per la sospensione).", UiHints.SingleLine, 30),
        ],
        ["Received", "Expired"], Kind: "Task");

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var mode = string.Equals(context.GetString("mode"), "Interrupt", StringComparison.OrdinalIgnoreCase) ? "Interrupt" : "Suspend";
        // Art. 2 c.7: a suspension lasts 30 days at most, after which the term runs again by itself; waiting longer
        // would leave the procedure's deadlines switched off while its term is running.
        var capDays = (int)Math.Clamp(Convert.ToDouble(context.Evaluate("capDays") ?? 30, System.Globalization.CultureInfo.InvariantCulture), 1,
            mode == "Suspend" ? Terms.Suspension.MaxDays : 365);
        var source = string.Equals(context.GetString("source"), "Administration", StringComparison.OrdinalIgnoreCase) ? "Administration" : "Citizen";
        var data = new JsonObject
        {
            ["documents"] = new JsonArray([.. context.GetStringList("documents").Select(d => (JsonNode)d)]),
            ["message"] = context.GetString("message"),
            ["mode"] = mode,
            ["source"] = source,
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
        context.Emit(received ? "IntegrationReceived" : "IntegrationExpired", new JsonObject
        {
            ["at"] = context.Now.ToString("O"),
            ["documents"] = (received ? context.ResumeInput?["documents"]?.DeepClone() : null) ?? new JsonArray(),
        });
        return ValueTask.FromResult(ActivityResult.WithOutcomes(received ? "Received" : "Expired"));
    }
}
