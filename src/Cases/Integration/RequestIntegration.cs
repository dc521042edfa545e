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
        var request = new IntegrationRequested([.. context.GetStringList("documents")], context.GetString("message"), mode == "Interrupt", source == "Administration",
            capDays, context.Now, context.Now + TimeSpan.FromDays(capDays));
        context.Emit(request);
        // What the wait keeps (the pages show what the office waits for): the request, in the stored shape.
        var waiting = new JsonObject
        {
            ["documents"] = new JsonArray([.. request.Documents.Select(d => (JsonNode)d)]),
            ["message"] = request.Message,
            ["mode"] = mode,
            ["source"] = source,
            ["capDays"] = capDays,
            ["requestedAt"] = request.RequestedAt.ToString("O"),
            ["expiresAt"] = request.ExpiresAt.ToString("O"),
        };
        return ValueTask.FromResult(ActivityResult.Block(
            new BookmarkRequest(DocumentsKind, waiting),
            new BookmarkRequest(CapKind, new JsonObject { ["capDays"] = capDays }, context.Now + TimeSpan.FromDays(capDays))));
    }

    public ValueTask<ActivityResult> ResumeAsync(ActivityContext context, StoredBookmark bookmark)
    {
        var received = bookmark.Kind == DocumentsKind;
        context.Emit(new IntegrationEnded(received, context.Now, received ? DocumentIds(context.ResumeInput) : []));
        return ValueTask.FromResult(ActivityResult.WithOutcomes(received ? "Received" : "Expired"));
    }

    /// <summary>The document ids the desk registered and passed with the resume (<c>documents</c>).</summary>
    internal static IReadOnlyList<Guid> DocumentIds(JsonObject? input) =>
        [.. (input?["documents"] as JsonArray ?? []).Select(d => Guid.Parse(d!.GetValue<string>()))];
}
