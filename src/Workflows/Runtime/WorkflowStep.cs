using System.Text.Json.Nodes;
using CaseFlow.Workflows.Activities;
using CaseFlow.Workflows.Activities.Flow;
using CaseFlow.Workflows.Definitions;
using CaseFlow.Workflows.Expressions;
using Microsoft.Extensions.Logging;

namespace CaseFlow.Workflows.Runtime;

/// <summary>
/// Runs one step of one instance in memory — from a start, a resume, a cancel or a retry until the instance waits
/// again — and records what changed. It follows Elsa's flowchart rules: an activity with several forward inbound
/// connections runs once each of them has been visited and at least one was followed (a branch not taken does not
/// block it); branches not taken propagate as skips; a WaitAny join continues on the first branch and cancels the
/// others; a backward connection re-enters a loop; a terminal activity completes the flowchart.
/// The caller persists <see cref="Changes"/> and the instance in one transaction.
/// </summary>
internal sealed partial class WorkflowStep
{
    private readonly WorkflowDefinition definition;
    private readonly InstanceRecord instance;
    private readonly ActivityRegistry registry;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly List<StoredBookmark> bookmarks;
    private readonly LinkedList<string> queue;
    private readonly ExpressionScope scope;
    private readonly StepBudget budget;
    private readonly long startedAt;
    private int executed;
    private string? triggerActivityId;

    public WorkflowStep(WorkflowDefinition definition, InstanceRecord instance, IEnumerable<StoredBookmark> bookmarks, ActivityRegistry registry, TimeProvider clock,
        ILogger logger, StepBudget? budget = null)
    {
        this.budget = budget ?? StepBudget.Default;
        startedAt = clock.GetTimestamp();
        this.definition = definition;
        this.instance = instance;
        this.registry = registry;
        this.clock = clock;
        this.logger = logger;
        this.bookmarks = [.. bookmarks];
        queue = new LinkedList<string>(instance.State.Scheduled);
        scope = new ExpressionScope(instance.State.Variables, instance.State.Input, instance.Id, instance.DefinitionId, () => instance.CorrelationId,
            definition.Variables.ToDictionary(v => v.Name, v => (v.TypeName, v.IsArray)), definition.Inputs,
            definition.Variables.GroupBy(v => v.Id).ToDictionary(g => g.Key, g => g.First().Name));
    }

    public StepChanges Changes { get; } = new();

    /// <summary>The instance's bookmarks as they stand after this step.</summary>
    public IReadOnlyList<StoredBookmark> Bookmarks => bookmarks;

    private InstanceState State => instance.State;

    private Flowchart Flow => definition.Root;

    private DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Starts the instance at its Start activity, or at the trigger that started it (Elsa's TriggerActivityId).</summary>
    public async Task StartAsync(string? triggerActivityId = null)
    {
        this.triggerActivityId = triggerActivityId;
        foreach (var variable in definition.Variables)
        {
            State.Variables.TryAdd(variable.Name, variable.Value?.DeepClone());
        }

        instance.Status = WorkflowStatus.Running;
        instance.SubStatus = WorkflowSubStatus.Executing;
        if ((triggerActivityId is null ? Flow.Start : Flow.Find(triggerActivityId)) is { } first)
        {
            queue.AddLast(first.Id);
        }

        await RunAsync();
    }

    public async Task ResumeAsync(StoredBookmark bookmark, JsonObject? input)
    {
        var active = State.Active.FirstOrDefault(a => a.ActivityInstanceId == bookmark.ActivityInstanceId && a.Status == ActivityStatus.Running)
                     ?? throw new BookmarkNotFoundException(instance.Id, bookmark.Id);
        var node = Flow.Find(active.ActivityId)!;
        instance.SubStatus = WorkflowSubStatus.Executing;
        if (State.Loops.ContainsKey(active.ActivityInstanceId))
        {
            // A loop waits on its iterations, never on a bookmark of its own.
            throw new BookmarkNotFoundException(instance.Id, bookmark.Id);
        }

        State.Active.Remove(active);
        foreach (var sibling in bookmarks.Where(b => b.ActivityInstanceId == active.ActivityInstanceId).ToList())
        {
            RemoveBookmark(sibling, resumed: sibling.Id == bookmark.Id, input);
        }

        var record = RecordFor(node, active);
        Journal(node, active, "Resumed", null, bookmark.Kind);
        var context = ContextFor(node, active, input);
        ActivityResult result;
        try
        {
            result = await registry.Get(node).ResumeAsync(context, bookmark);
        }
        catch (Exception ex) when (IsActivityFault(ex))
        {
            KeepInputs(record, context);
            MergeBack(context, active.Tag);
            Fault(node, active, record, ex);
            Settle();
            return;
        }

        MergeBack(context, active.Tag);
        await ApplyAsync(node, active, record, context, result);
        CompleteIterations();
        await RunAsync();
    }

    public Task CancelAsync()
    {
        foreach (var active in State.Active.ToList())
        {
            CancelActivity(active);
        }

        queue.Clear();
        Finish(WorkflowSubStatus.Cancelled);
        return Task.CompletedTask;
    }

    /// <summary>Runs every faulted activity again from its start; unresolved incidents are resolved by the caller.</summary>
    public async Task RetryAsync()
    {
        var faulted = State.Active.Where(a => a.Status == ActivityStatus.Faulted).ToList();
        foreach (var active in faulted)
        {
            State.Active.Remove(active);
            queue.AddFirst(Pack(active.ActivityId, active.Tag));
        }

        instance.Status = WorkflowStatus.Running;
        instance.SubStatus = WorkflowSubStatus.Executing;
        instance.FinishedAt = null;
        await RunAsync();
    }

    private async Task RunAsync()
    {
        while (queue.Count > 0 && !instance.IsFinished)
        {
            var (activityId, tag) = Unpack(queue.First!.Value);
            queue.RemoveFirst();
            await ExecuteAsync(Flow.Find(activityId)!, tag);
            CompleteIterations();
        }

        Settle();
    }

    private void Settle()
    {
        State.Scheduled = [.. queue];
        if (instance.IsFinished)
        {
            return;
        }

        if (State.Active.Count == 0 && queue.Count == 0)
        {
            Finish(WorkflowSubStatus.Finished);
        }
        else
        {
            instance.SubStatus = WorkflowSubStatus.Suspended;
        }
    }

    private async Task ExecuteAsync(ActivityNode node, string tag)
    {
        var active = new ActiveActivity
        {
            ActivityInstanceId = NewId(),
            ActivityId = node.Id,
            ActivityType = node.Type,
            StartedAt = Now,
            Tag = tag,
        };
        var record = RecordFor(node, active);
        Journal(node, active, "Started", null, null);
        if (budget.ExceededBy(++executed, clock.GetElapsedTime(startedAt)) is { } exceeded)
        {
            // The activity that would go over the budget does not run: the instance faults there, and a retry starts it again.
            Fault(node, active, record, exceeded);
            return;
        }

        var context = ContextFor(node, active, null);
        if (triggerActivityId is not null && node.Id == triggerActivityId)
        {
            // Only the first run of the trigger: a loop back to it later waits like any other activity.
            context.IsTrigger = true;
            triggerActivityId = null;
        }

        var handler = registry.Get(node);
        ActivityResult result;
        try
        {
            if (handler is ILoopHandler loop)
            {
                var items = ForEach.ItemsOf(context);
                KeepInputs(record, context);
                MergeBack(context, tag);
                if (items.Count > 0)
                {
                    StartLoop(node, active, record, items, loop.Parallel);
                    return;
                }

                result = ActivityResult.Done;
            }
            else
            {
                result = await handler.ExecuteAsync(context);
            }
        }
        catch (Exception ex) when (IsActivityFault(ex))
        {
            KeepInputs(record, context);
            MergeBack(context, tag);
            Fault(node, active, record, ex);
            return;
        }

        MergeBack(context, tag);
        await ApplyAsync(node, active, record, context, result);
    }

    private Task ApplyAsync(ActivityNode node, ActiveActivity active, ActivityExecutionRecord record, ActivityContext context, ActivityResult result)
    {
        KeepInputs(record, context);
        switch (result)
        {
            case ActivityResult.Completed completed:
                record.Status = ActivityStatus.Completed;
                record.Outcomes = completed.Outcomes;
                record.CompletedAt = Now;
                record.HasBookmarks = false;
                Journal(node, active, "Completed", completed.Outcomes, context.JournalMessage);
                OnCompleted(node, completed.Outcomes, active.Tag);
                break;
            case ActivityResult.Blocked blocked:
                record.HasBookmarks = true;
                State.Active.Add(active);
                foreach (var request in blocked.Bookmarks)
                {
                    var bookmark = new StoredBookmark(NewId(), instance.Id, node.Id, node.NodeId, active.ActivityInstanceId, node.Type,
                        request.Kind, request.Payload, request.DueAt, Now);
                    bookmarks.Add(bookmark);
                    Changes.NewBookmarks.Add(bookmark);
                    Changes.Effects.Add(new BookmarkCreated(bookmark));
                }

                Journal(node, active, "Suspended", null, context.JournalMessage);
                break;
        }

        return Task.CompletedTask;
    }

    private void OnCompleted(ActivityNode node, IReadOnlyList<string> outcomes, string tag)
    {
        if (registry.Get(node).Descriptor.IsTerminal && tag.Length > 0)
        {
            // A terminal node inside a loop's body completes that iteration, not the workflow (Elsa completes the body's flowchart).
            CancelIteration(tag);
            return;
        }

        if (registry.Get(node).Descriptor.IsTerminal)
        {
            // What the workflow completed with: a parent that placed it as an activity continues on these outcomes.
            State.Outcomes = [.. outcomes];
            foreach (var active in State.Active.ToList())
            {
                CancelActivity(active);
            }

            queue.Clear();
            State.Marks.Clear();
            State.JoinOwed.Clear();
            State.Cascades.Clear();
            State.Loops.Clear();
            State.Iterations.Clear();
            Finish(WorkflowSubStatus.Finished);
            return;
        }

        Visit(node.Id, outcomes, tag);
    }

    private void Finish(string subStatus)
    {
        instance.Status = WorkflowStatus.Finished;
        instance.SubStatus = subStatus;
        instance.FinishedAt = Now;
        Changes.Effects.Add(new InstanceFinished(subStatus));
    }

    private void KeepInputs(ActivityExecutionRecord record, ActivityContext context) =>
        record.ActivityState = LogPersistence.Persistable(definition.Document, context.Node, context.EvaluatedInputs, context.Scope);

    private ActivityContext ContextFor(ActivityNode node, ActiveActivity active, JsonObject? resumeInput) =>
        new(node, active, ScopeFor(active.Tag), clock, Changes.Effects.Add, value => instance.CorrelationId = value, resumeInput, value => instance.Name = value, State.Output);
}
