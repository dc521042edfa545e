using System.Text.Json.Nodes;
using CaseFlow.Workflows.Expressions;
using CaseFlow.Workflows.Runtime;
using Cronos;

namespace CaseFlow.Workflows.Activities.Flow;

/// <summary>
/// Elsa's Cron. Marked <c>canStartWorkflow</c> in a published definition it is a trigger: the timer sweep starts an
/// instance at each occurrence (<see cref="Timers.TriggerSchedules"/>), and the trigger completes at once. Reached inside
/// a flowchart it waits, on a durable timer, for the next occurrence.
/// </summary>
public sealed class Cron : IActivityHandler
{
    public const string TypeName = "Elsa.Cron";

    public ActivityDescriptor Descriptor { get; } = new(
        TypeName, Categories.Terms, "Pianificazione (cron)", "Avvia il procedimento, o prosegue, agli istanti di un'espressione cron (cinque campi, o sei con i secondi).",
        [new InputDescriptor("cronExpression", "String", "Espressione cron", "Per esempio 0 6 * * 1 (ogni lunedì alle 6:00, ora UTC).", IsRequired: true)],
        ["Done"], Kind: "Trigger");

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        if (context.IsTrigger)
        {
            return ValueTask.FromResult(ActivityResult.Done);
        }

        var expression = context.GetString("cronExpression") ?? "";
        var next = NextAfter(expression, context.Now) ?? throw new ExpressionException($"The cron expression '{expression}' has no next occurrence.");
        return ValueTask.FromResult(ActivityResult.Block(new BookmarkRequest("timer", new JsonObject { ["cronExpression"] = expression, ["executeAt"] = next.ToString("O") }, next)));
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>; null when there is none.</summary>
    public static DateTimeOffset? NextAfter(string expression, DateTimeOffset after)
    {
        var text = expression.Trim();
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        CronExpression parsed;
        try
        {
            parsed = CronExpression.Parse(text, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (CronFormatException ex)
        {
            throw new ExpressionException($"'{text}' is not a cron expression of five fields, or six with seconds first: {ex.Message}");
        }

        return parsed.GetNextOccurrence(after, TimeZoneInfo.Utc);
    }
}
