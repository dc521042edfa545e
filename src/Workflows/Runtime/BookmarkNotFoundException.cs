namespace CaseFlow.Workflows.Runtime;

/// <summary>The bookmark was already resumed or cancelled (by a concurrent request, say): a conflict, nothing changed.</summary>
public sealed class BookmarkNotFoundException(string instanceId, string bookmarkId)
    : Exception($"Instance {instanceId} no longer waits on bookmark {bookmarkId}.")
{
    public string InstanceId { get; } = instanceId;

    public string BookmarkId { get; } = bookmarkId;
}
