using System.Text.Json.Nodes;

namespace CaseFlow.Workflows.Activities;

/// <summary>What an activity's execution or resumption came to.</summary>
public abstract record ActivityResult
{
    public static ActivityResult Done { get; } = new Completed(["Done"]);

    public static ActivityResult WithOutcomes(params string[] outcomes) => new Completed(outcomes);

    public static ActivityResult Block(params BookmarkRequest[] bookmarks) => new Blocked(bookmarks);

    /// <summary>The activity finished; the flowchart follows the connections of these ports.</summary>
    public sealed record Completed(IReadOnlyList<string> Outcomes) : ActivityResult;

    /// <summary>The activity waits: one or more bookmarks; resuming any one of them resumes the activity.</summary>
    public sealed record Blocked(IReadOnlyList<BookmarkRequest> Bookmarks) : ActivityResult;
}

/// <summary>A bookmark to create. A <see cref="DueAt"/> makes it a durable timer that the sweep resumes at that time.</summary>
public sealed record BookmarkRequest(string Kind, JsonObject Payload, DateTimeOffset? DueAt = null);
