using CaseFlow.Workflows.Activities;
using System.Text.Json.Nodes;
using CaseFlow.Workflows.Definitions;
using CaseFlow.Workflows.Expressions;
using CaseFlow.Workflows.Runtime;

namespace CaseFlow.Cases.Tasks;

/// <summary>
/// A human task in an office's queue. It waits on a bookmark until someone completes it with one of its
/// outcomes, which are the activity's ports.
/// </summary>
public sealed class OfficeTask : IActivityHandler
{
    public const string TypeName = "CaseFlow.OfficeTask";

    /// <summary>People's work: resumed only through the case API, which checks who acts and records it.</summary>
    public bool ResumableByToken => false;
    public const string BookmarkKind = "office-task";
    private static readonly string[] DefaultOutcomes = ["Completato"];

    public ActivityDescriptor Descriptor { get; } = new(
        TypeName, Categories.BackOffice, "Attività d'ufficio", "Un compito per un ufficio: resta in coda finché un operatore lo completa con uno degli esiti.",
        [
            new InputDescriptor("office", "String", "Ufficio", "L'ufficio che svolge il compito.", UiHints.DropDown, OptionsSource: "offices", IsRequired: true),
            new InputDescriptor("title", "String", "Titolo", "Che cosa deve fare l'ufficio.", UiHints.SingleLine, IsRequired: true),
            new InputDescriptor("instructions", "String", "Istruzioni", "Indicazioni per l'operatore.", UiHints.MultiLine),
            new InputDescriptor("outcomes", "String[]", "Esiti", "Gli esiti possibili; ciascuno è un'uscita dell'attività.", UiHints.DynamicOutcomes, "[\"Completato\"]"),
            new InputDescriptor("term", "String", "Termine", "Termine del passo: P20D (giorni di calendario) o 5WD (giorni lavorativi).", UiHints.SingleLine),
        ],
        DefaultOutcomes, Kind: "Task", HasDynamicPorts: true);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var outcomes = context.GetStringList("outcomes");
        var payload = new JsonObject
        {
            ["office"] = context.GetString("office"),
            ["title"] = context.GetString("title") ?? context.Node.Name ?? context.Node.Id,
            ["instructions"] = context.GetString("instructions"),
            ["outcomes"] = new JsonArray([.. (outcomes.Count > 0 ? outcomes : DefaultOutcomes).Select(o => (JsonNode)o)]),
            ["term"] = context.GetString("term"),
        };
        return ValueTask.FromResult(ActivityResult.Block(new BookmarkRequest(BookmarkKind, payload)));
    }

    public ValueTask<ActivityResult> ResumeAsync(ActivityContext context, StoredBookmark bookmark)
    {
        var offered = (bookmark.Payload["outcomes"] as JsonArray)?.Select(o => o!.GetValue<string>()).ToList() ?? [.. DefaultOutcomes];
        var outcome = context.ResumeInput?["outcome"]?.GetValue<string>();
        if (outcome is null && offered.Count == 1)
        {
            outcome = offered[0];
        }

        if (outcome is null || !offered.Contains(outcome))
        {
            throw new ResumeRejectedException("outcome", $"L'esito deve essere uno di: {string.Join(", ", offered)}.");
        }

        return ValueTask.FromResult(ActivityResult.WithOutcomes(outcome));
    }

    public IReadOnlyList<string>? PortsOf(ActivityNode node)
    {
        var expression = WorkflowExpression.From(node.Json["outcomes"]);
        if (expression is null)
        {
            return DefaultOutcomes;
        }

        if (expression.Type is not ("Literal" or "Object"))
        {
            return null;
        }

        var outcomes = ActivityContext.ToStringList(expression.Evaluate(new ExpressionScope(new Dictionary<string, JsonNode?>(), [], "", "", () => null)));
        return outcomes.Count > 0 ? outcomes : DefaultOutcomes;
    }
}
