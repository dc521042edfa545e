using System.Text.Json.Nodes;

namespace CaseFlow.Workflows.Runtime;

/// <summary>
/// The persisted execution state of one instance (the <c>state</c> column). Between steps nothing else exists:
/// an instance is resumed by loading this, never from memory.
/// </summary>
public sealed class InstanceState
{
    public Dictionary<string, JsonNode?> Variables { get; set; } = [];

    public JsonObject Input { get; set; } = [];

    public JsonObject Output { get; set; } = [];

    /// <summary>The outcomes of the terminal activity (Complete, End) that finished the instance; empty otherwise.</summary>
    public List<string> Outcomes { get; set; } = [];

    /// <summary>Per forward connection, the visits not yet consumed by its target: true = followed, false = skipped.</summary>
    public Dictionary<string, List<bool>> Marks { get; set; } = [];

    /// <summary>Per WaitAny join that already fired: the inbound connections whose late visits it still absorbs.</summary>
    public Dictionary<string, List<string>> JoinOwed { get; set; } = [];

    /// <summary>Per Cascade activity: the inbound connections visited in the current round, and whether one was followed.</summary>
    public Dictionary<string, CascadeRound> Cascades { get; set; } = [];

    /// <summary>Loops running their iterations, by the loop's activity instance id.</summary>
    public Dictionary<string, LoopState> Loops { get; set; } = [];

    /// <summary>Per iteration tag: the iteration's own variables (CurrentValue, CurrentIndex).</summary>
    public Dictionary<string, JsonObject> Iterations { get; set; } = [];

    /// <summary>Activities that wait (bookmarks) or faulted.</summary>
    public List<ActiveActivity> Active { get; set; } = [];

    /// <summary>Activities scheduled but not run; empty at rest except after a fault stopped the run.</summary>
    public List<string> Scheduled { get; set; } = [];
}

/// <summary>A ForEach or ParallelForEach between its start and its completion.</summary>
public sealed class LoopState
{
    public required string ActivityId { get; init; }

    /// <summary>The iteration the loop itself runs in (nested loops); empty at the top.</summary>
    public string Tag { get; init; } = "";

    public List<JsonNode?> Items { get; set; } = [];

    public int Next { get; set; }

    public bool Parallel { get; init; }

    /// <summary>Iterations started and not yet complete.</summary>
    public List<string> Pending { get; set; } = [];
}

/// <summary>A Cascade activity runs for each followed arrival; when every inbound connection was visited and none followed, it is skipped.</summary>
public sealed class CascadeRound
{
    public List<string> Visited { get; set; } = [];

    public bool Ran { get; set; }
}

/// <summary>An activity execution that has not completed: blocked on bookmarks, or faulted.</summary>
public sealed class ActiveActivity
{
    public required string ActivityInstanceId { get; init; }

    public required string ActivityId { get; init; }

    public required string ActivityType { get; init; }

    public string Status { get; set; } = ActivityStatus.Running;

    public DateTimeOffset StartedAt { get; init; }

    /// <summary>The loop iteration this execution belongs to; empty outside loops' bodies.</summary>
    public string Tag { get; init; } = "";

    /// <summary>Whatever the activity needs to remember while it waits (e.g. its evaluated inputs).</summary>
    public JsonObject Properties { get; init; } = [];
}

public static class ActivityStatus
{
    public const string Running = "Running";
    public const string Completed = "Completed";
    public const string Canceled = "Canceled";
    public const string Faulted = "Faulted";
}

public static class WorkflowStatus
{
    public const string Running = "Running";
    public const string Finished = "Finished";
}

public static class WorkflowSubStatus
{
    public const string Pending = "Pending";
    public const string Executing = "Executing";
    public const string Suspended = "Suspended";
    public const string Finished = "Finished";
    public const string Cancelled = "Cancelled";
    public const string Faulted = "Faulted";
}
