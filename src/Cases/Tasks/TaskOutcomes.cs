using CaseFlow.Workflows.Definitions;
using CaseFlow.Workflows.Expressions;

namespace CaseFlow.Cases.Tasks;

/// <summary>What choosing an outcome leads to, read from the procedure's own flowchart.</summary>
public enum OutcomeConsequence
{
    /// <summary>The procedure goes on to another step.</summary>
    Continues,

    /// <summary>A final act granting the application.</summary>
    Grants,

    /// <summary>A final act refusing the application.</summary>
    Denies,

    /// <summary>A notice of refusal (art. 10-bis L. 241/1990) to the citizen.</summary>
    NoticeOfRefusal,

    /// <summary>The flow ends here without a final act of its own.</summary>
    Ends,

    /// <summary>The task's activity is not known (a task opened before it was recorded).</summary>
    Unknown,
}

/// <summary>One outcome a task offers and what it leads to.</summary>
public sealed record TaskOutcome(string Name, OutcomeConsequence Consequence)
{
    /// <summary>Outcomes that end the procedure or refuse it are confirmed before they are taken; an unknown one too.</summary>
    public bool NeedsConfirmation => Consequence != OutcomeConsequence.Continues;
}

/// <summary>
/// Follows each outcome port of a task's activity through the activities that do not wait (messages, variables,
/// decisions) to the first one that does: another step, a final act, a notice of refusal.
/// </summary>
public static class TaskOutcomes
{
    private const int MaxWalk = 64;

    public static IReadOnlyList<TaskOutcome> Of(WorkflowDefinition? definition, string? activityId, IReadOnlyList<string> outcomes)
    {
        var root = definition?.Root;
        if (root is null || activityId is null || root.Find(activityId) is null)
        {
            return [.. outcomes.Select(o => new TaskOutcome(o, OutcomeConsequence.Unknown))];
        }

        return [.. outcomes.Select(o => new TaskOutcome(o, Follow(root, root.OutboundOf(activityId).Where(c => c.SourcePort == o).Select(c => c.TargetId))))];
    }

    private static OutcomeConsequence Follow(Flowchart root, IEnumerable<string> first)
    {
        var found = new List<OutcomeConsequence>();
        var seen = new HashSet<string>();
        var queue = new Queue<string>(first);
        if (queue.Count == 0)
        {
            return OutcomeConsequence.Ends;
        }

        while (queue.Count > 0 && seen.Count < MaxWalk)
        {
            var id = queue.Dequeue();
            if (!seen.Add(id) || root.Find(id) is not { } node)
            {
                continue;
            }

            switch (node.Type)
            {
                case FinalAct.IssueFinalAct.TypeName:
                    found.Add(IsDenial(node) ? OutcomeConsequence.Denies : OutcomeConsequence.Grants);
                    break;
                case Integration.NoticeOfRefusal.TypeName:
                    found.Add(OutcomeConsequence.NoticeOfRefusal);
                    break;
                case OfficeTask.TypeName or Integration.RequestIntegration.TypeName:
                    found.Add(OutcomeConsequence.Continues);
                    break;
                default:
                    // Activities that do not wait (messages, variables, decisions, the end) pass on to what follows them.
                    var next = root.OutboundOf(id).Select(c => c.TargetId).ToList();
                    if (next.Count == 0)
                    {
                        found.Add(OutcomeConsequence.Ends);
                    }

                    next.ForEach(queue.Enqueue);
                    break;
            }
        }

        // A decision may lead either way: the gravest consequence is the one the officer confirms.
        OutcomeConsequence[] gravity = [OutcomeConsequence.Denies, OutcomeConsequence.NoticeOfRefusal, OutcomeConsequence.Grants, OutcomeConsequence.Ends];
        return gravity.FirstOrDefault(found.Contains, found.Count == 0 ? OutcomeConsequence.Ends : OutcomeConsequence.Continues);
    }

    private static bool IsDenial(ActivityNode node) =>
        WorkflowExpression.From(node.Json["outcome"]) is not { Type: "Literal" } literal
        || !string.Equals(literal.Value?.ToString().Trim(), "granted", StringComparison.OrdinalIgnoreCase);
}
