using System.Text.Json.Nodes;
using CaseFlow.Workflows.Definitions;
using Microsoft.Extensions.Logging;

namespace CaseFlow.Workflows.Runtime;

/// <summary>What a step records: faults and incidents, cancellations, bookmarks gone, execution records and the journal.</summary>
internal sealed partial class WorkflowStep
{
    private void Fault(ActivityNode node, ActiveActivity active, ActivityExecutionRecord record, Exception ex)
    {
        var exception = new JsonObject { ["type"] = ex.GetType().FullName, ["message"] = ex.Message };
        logger.LogWarning("Activity {ActivityId} ({ActivityType}) of instance {InstanceId} faulted: {Message}", node.Id, node.Type, instance.Id, ex.Message);
        record.Status = ActivityStatus.Faulted;
        record.Exception = exception;
        record.CompletedAt = Now;
        active.Status = ActivityStatus.Faulted;
        State.Active.Add(active);
        Journal(node, active, "Faulted", null, ex.Message);
        Changes.Incidents.Add(new Incident(NewId(), node.Id, node.NodeId, node.Type, ex.Message, exception, Now));
        Changes.Effects.Add(new InstanceFaulted(node.Id, ex.Message));
        instance.IncidentCount++;
        instance.Status = WorkflowStatus.Finished;
        instance.SubStatus = WorkflowSubStatus.Faulted;
        instance.FinishedAt = Now;
    }

    private void CancelActivity(ActiveActivity active)
    {
        // A loop cancels its iterations' activities itself: one may come here twice.
        if (!State.Active.Remove(active))
        {
            return;
        }

        CancelLoop(active);
        foreach (var bookmark in bookmarks.Where(b => b.ActivityInstanceId == active.ActivityInstanceId).ToList())
        {
            RemoveBookmark(bookmark, resumed: false, null);
        }

        var node = Flow.Find(active.ActivityId)!;
        var record = RecordFor(node, active);
        record.Status = ActivityStatus.Canceled;
        record.CompletedAt = Now;
        Journal(node, active, "Cancelled", null, null);
    }

    private void RemoveBookmark(StoredBookmark bookmark, bool resumed, JsonObject? input)
    {
        bookmarks.Remove(bookmark);
        if (Changes.NewBookmarks.Remove(bookmark))
        {
            // Created and gone within one step: nothing to store, nothing for effect handlers to open and close.
            Changes.Effects.RemoveAll(e => e is BookmarkCreated created && created.Bookmark.Id == bookmark.Id);
            return;
        }

        Changes.RemovedBookmarks.Add(bookmark);
        Changes.Effects.Add(new BookmarkRemoved(bookmark, resumed, input));
    }

    private ActivityExecutionRecord RecordFor(ActivityNode node, ActiveActivity active)
    {
        if (!Changes.Executions.TryGetValue(active.ActivityInstanceId, out var record))
        {
            record = new ActivityExecutionRecord
            {
                Id = active.ActivityInstanceId,
                ActivityId = node.Id,
                ActivityNodeId = node.NodeId,
                ActivityType = node.Type,
                ActivityName = node.Name,
                StartedAt = active.StartedAt,
                HasBookmarks = bookmarks.Any(b => b.ActivityInstanceId == active.ActivityInstanceId),
            };
            Changes.Executions[active.ActivityInstanceId] = record;
        }

        return record;
    }

    private void Journal(ActivityNode node, ActiveActivity active, string eventName, IReadOnlyList<string>? outcomes, string? message) =>
        Changes.Journal.Add(new JournalEntry(node.Id, node.NodeId, active.ActivityInstanceId, node.Type, eventName, outcomes, message, Now));

    // Faults of the activity (bad input, a script error) fault the instance; a refused resume input aborts the step.
    private static bool IsActivityFault(Exception ex) => ex is not (ResumeRejectedException or BookmarkNotFoundException or OperationCanceledException or OutOfMemoryException);

    private static string NewId() => Guid.CreateVersion7().ToString("N");
}
