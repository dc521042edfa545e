using System.Text.Json.Nodes;
using CaseFlow.Workflows.Definitions;

namespace CaseFlow.Workflows.Activities.Flow;

/// <summary>
/// How an activity with several inbound connections is scheduled: Elsa's <c>customProperties.mergeMode</c>
/// (Stream, Merge, Converge, Cascade, Race; None or absent = Stream), and for a FlowJoin its <c>mode</c>
/// (WaitAny = Race, WaitAll = Merge, WaitAllActive = Stream).
/// </summary>
public enum MergeMode
{
    /// <summary>Runs once every forward inbound connection was visited and at least one was followed; untaken branches do not block.</summary>
    Stream,

    /// <summary>Runs once every forward inbound connection was followed; if one was not taken, the activity is skipped.</summary>
    Merge,

    /// <summary>As Merge, counting backward (loop) connections too.</summary>
    Converge,

    /// <summary>Runs once for every inbound connection followed.</summary>
    Cascade,

    /// <summary>Runs on the first inbound connection followed and cancels the other branches.</summary>
    Race,
}

public static class MergeModes
{
    public static MergeMode Of(ActivityNode node)
    {
        if (node.Type == FlowJoin.TypeName)
        {
            return FlowJoin.ModeOf(node) switch
            {
                "WaitAll" => MergeMode.Merge,
                "WaitAllActive" => MergeMode.Stream,
                _ => MergeMode.Race,
            };
        }

        var declared = (node.Json["customProperties"] as JsonObject)?["mergeMode"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        return Enum.TryParse<MergeMode>(declared, ignoreCase: true, out var mode) ? mode : MergeMode.Stream;
    }
}
