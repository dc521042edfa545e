using System.Text.Json.Nodes;
using CaseFlow.Workflows.Activities;
using CaseFlow.Workflows.Definitions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CaseFlow.Workflows.Runtime;

/// <summary>
/// Starts, resumes, cancels and retries instances. Each call is one transaction: the instance row is locked
/// (<c>FOR UPDATE</c>), the step runs in memory, and the instance, its bookmarks, timers, journal, incidents and
/// every effect handler's domain writes are committed together — or not at all.
/// </summary>
public sealed partial class WorkflowRuntime(
    NpgsqlDataSource dataSource,
    DefinitionStore definitions,
    ActivityRegistry registry,
    IEnumerable<IWorkflowEffectHandler> effectHandlers,
    TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<WorkflowsOptions> options,
    ILogger<WorkflowRuntime> logger)
{
    private StepBudget Budget => new(options.Value.MaxActivitiesPerStep, options.Value.MaxStepDuration);

    public async Task<InstanceSnapshot> StartAsync(StartWorkflow request, CancellationToken ct) => (await StartAllAsync([request], ct))[0];

    /// <summary>
    /// Starts several instances in one transaction: all of them, with every effect handler's writes, or none (a
    /// desk's bundle of procedures for one citizen).
    /// </summary>
    public async Task<IReadOnlyList<InstanceSnapshot>> StartAllAsync(IReadOnlyList<StartWorkflow> requests, CancellationToken ct)
    {
        await using var work = await UnitOfWork.BeginAsync(dataSource, clock, "sistema", ct);
        var snapshots = await StartAllAsync(work, requests, ct);
        await work.CommitAsync(ct);
        return snapshots;
    }

    /// <summary>
    /// Starts several instances inside the caller's unit of work and runs each until it waits. Nothing is visible, and no
    /// after-commit action runs, until the caller commits.
    /// </summary>
    public async Task<IReadOnlyList<InstanceSnapshot>> StartAllAsync(UnitOfWork work, IReadOnlyList<StartWorkflow> requests, CancellationToken ct)
    {
        var found = new List<WorkflowDefinition>();
        foreach (var request in requests)
        {
            var definition = await definitions.FindAsync(request.DefinitionId, request.Version ?? VersionOptions.Published, ct)
                             ?? throw new WorkflowNotFoundException($"No {(request.Version ?? VersionOptions.Published).Kind.ToLowerInvariant()} version of workflow definition '{request.DefinitionId}'.");
            found.Add(definition);
        }

        var (connection, transaction) = (work.Connection, work.Transaction);
        var snapshots = new List<InstanceSnapshot>();
        for (var i = 0; i < requests.Count; i++)
        {
            var (request, definition) = (requests[i], found[i]);
            var now = work.Now;
            var instance = InstanceRecord.New(definition, request.InstanceId ?? Guid.CreateVersion7().ToString("N"), request.Name, request.CorrelationId,
                (JsonObject?)request.Input?.DeepClone() ?? [], now);
            await InstanceStore.InsertAsync(connection, transaction, instance, ct);

            var step = new WorkflowStep(definition, instance, [], registry, clock, logger, Budget);
            await step.StartAsync();
            var (context, snapshot) = await SaveAsync(connection, transaction, definition, instance, step, resolveIncidents: false, ct);
            work.AfterCommit(() => AfterCommit(context, snapshot));
            snapshots.Add(snapshot);
        }

        return snapshots;
    }

    /// <summary>Resumes the instance at one bookmark. A bookmark already consumed is a conflict and changes nothing.</summary>
    public async Task<InstanceSnapshot> ResumeAsync(string instanceId, string bookmarkId, JsonObject? input, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var (chain, snapshot) = await ResumeWithinAsync(connection, transaction, instanceId, bookmarkId, input, ct);
        await transaction.CommitAsync(ct);
        return AfterCommit(chain, snapshot);
    }

    /// <summary>
    /// Resumes the instance inside the caller's unit of work, so that the caller's reads and checks (the task it
    /// completes) and the step commit together. A bookmark already consumed is a <see cref="BookmarkNotFoundException"/>.
    /// </summary>
    public async Task<InstanceSnapshot> ResumeAsync(UnitOfWork work, string instanceId, string bookmarkId, JsonObject? input, CancellationToken ct)
    {
        var (chain, snapshot) = await ResumeWithinAsync(work.Connection, work.Transaction, instanceId, bookmarkId, input, ct);
        work.AfterCommit(() => AfterCommit(chain, snapshot));
        return snapshot;
    }

    private async Task<(StepChain Chain, InstanceSnapshot Snapshot)> ResumeWithinAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string instanceId,
        string bookmarkId, JsonObject? input, CancellationToken ct)
    {
        // A bookmark of a child instance (a sub-procedure) is resumed through its root as well: the child holds it.
        await using (var owner = new NpgsqlCommand("""
            SELECT b.instance_id FROM workflow_bookmarks b JOIN workflow_instances i ON i.id = b.instance_id WHERE b.id = @b AND i.root_instance_id = @i
            """, connection, transaction))
        {
            owner.Parameters.AddWithValue("b", bookmarkId);
            owner.Parameters.AddWithValue("i", instanceId);
            instanceId = await owner.ExecuteScalarAsync(ct) as string ?? instanceId;
        }

        var instance = await InstanceStore.LockAsync(connection, transaction, instanceId, skipLocked: false, ct)
                       ?? throw new WorkflowNotFoundException($"No workflow instance '{instanceId}'.");
        return await StepAtBookmarkAsync(connection, transaction, instance, bookmarkId, input, ct) ?? throw new BookmarkNotFoundException(instanceId, bookmarkId);
    }

    /// <summary>Fires one due timer if nobody else holds it or its instance; false when it was skipped or already gone.</summary>
    internal async Task<bool> FireTimerAsync(string bookmarkId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        string instanceId;
        await using (var claim = new NpgsqlCommand("SELECT instance_id FROM workflow_timers WHERE bookmark_id = @id AND due_at <= @now FOR UPDATE SKIP LOCKED", connection, transaction))
        {
            claim.Parameters.AddWithValue("id", bookmarkId);
            claim.Parameters.AddWithValue("now", clock.GetUtcNow());
            if (await claim.ExecuteScalarAsync(ct) is not string found)
            {
                return false;
            }

            instanceId = found;
        }

        // Never wait for an instance another step holds: its timer stays due and the next sweep takes it.
        var instance = await InstanceStore.LockAsync(connection, transaction, instanceId, skipLocked: true, ct);
        if (instance is null)
        {
            return false;
        }

        var result = await ResumeLockedAsync(connection, transaction, instance, bookmarkId, null, ct);
        if (result is null)
        {
            // A timer whose activity no longer waits (an inconsistency that must not fire forever).
            await using var delete = new NpgsqlCommand("DELETE FROM workflow_timers WHERE bookmark_id = @id", connection, transaction);
            delete.Parameters.AddWithValue("id", bookmarkId);
            await delete.ExecuteNonQueryAsync(ct);
            await transaction.CommitAsync(ct);
        }

        return result is not null;
    }

    /// <summary>
    /// The id of the instance's waiting bookmark whose payload is of this kind (e.g. a module's "documents awaited"),
    /// or null: how a module finds the wait it resumes without reading the engine's tables. The wait may be in a child
    /// instance (a sub-procedure); <see cref="ResumeAsync"/> with the root's id resumes it there.
    /// </summary>
    public async Task<string?> FindBookmarkAsync(string instanceId, string payloadKind, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT b.id FROM workflow_bookmarks b JOIN workflow_instances i ON i.id = b.instance_id
            WHERE (i.id = @i OR i.root_instance_id = @i) AND b.payload->>'$kind' = @kind ORDER BY b.created_at LIMIT 1
            """);
        command.Parameters.AddWithValue("i", instanceId);
        command.Parameters.AddWithValue("kind", payloadKind);
        return await command.ExecuteScalarAsync(ct) as string;
    }

    public async Task<InstanceSnapshot> CancelAsync(string instanceId, CancellationToken ct) =>
        await WithLockedInstanceAsync(instanceId, async (instance, step) =>
        {
            if (instance.IsFinished && instance.SubStatus != WorkflowSubStatus.Faulted)
            {
                throw new InstanceStateConflictException($"Instance {instanceId} is already {instance.SubStatus.ToLowerInvariant()}.");
            }

            await step.CancelAsync();
            return false;
        }, ct);

    /// <summary>
    /// Cancels the instance inside the caller's unit of work, so that the caller's own change (a procedure closed by
    /// silence-assent) and the cancellation commit together. Null when the instance has already finished. An instance
    /// another step holds is not waited for (the caller holds its own rows, and waiting could deadlock): the unit is
    /// refused with <see cref="InstanceBusyException"/>, to be rolled back and tried again.
    /// </summary>
    public async Task<InstanceSnapshot?> CancelAsync(UnitOfWork work, string instanceId, CancellationToken ct)
    {
        var instance = await InstanceStore.LockAsync(work.Connection, work.Transaction, instanceId, skipLocked: true, ct);
        if (instance is null)
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM workflow_instances WHERE id = @id", work.Connection, work.Transaction);
            exists.Parameters.AddWithValue("id", instanceId);
            throw await exists.ExecuteScalarAsync(ct) is null
                ? new WorkflowNotFoundException($"No workflow instance '{instanceId}'.")
                : new InstanceBusyException(instanceId);
        }

        if (instance.IsFinished)
        {
            return null;
        }

        var definition = await DefinitionOf(instance, ct);
        var bookmarks = await InstanceStore.BookmarksAsync(work.Connection, work.Transaction, instance.Id, ct);
        var step = new WorkflowStep(definition, instance, bookmarks, registry, clock, logger, Budget);
        await step.CancelAsync();
        var (context, snapshot) = await SaveAsync(work.Connection, work.Transaction, definition, instance, step, resolveIncidents: false, ct);
        work.AfterCommit(() => AfterCommit(context, snapshot));
        return snapshot;
    }

    /// <summary>
    /// Removes finished instances with everything the engine kept of them (state with its input, journal, activity log),
    /// in the caller's unit of work: how an owner applies its retention rules. Running instances are never removed.
    /// </summary>
    /// <returns>How many instances were removed.</returns>
    public async Task<int> DeleteFinishedAsync(UnitOfWork work, IReadOnlyCollection<string> instanceIds, CancellationToken ct)
    {
        await using var delete = new NpgsqlCommand("DELETE FROM workflow_instances WHERE (id = ANY(@ids) OR root_instance_id = ANY(@ids)) AND status = 'Finished'", work.Connection, work.Transaction);
        delete.Parameters.AddWithValue("ids", instanceIds.ToArray());
        return await delete.ExecuteNonQueryAsync(ct);
    }

    public async Task<InstanceSnapshot> RetryAsync(string instanceId, CancellationToken ct) =>
        await WithLockedInstanceAsync(instanceId, async (instance, step) =>
        {
            if (instance.SubStatus != WorkflowSubStatus.Faulted)
            {
                throw new InstanceStateConflictException($"Instance {instanceId} is not faulted (it is {instance.SubStatus.ToLowerInvariant()}).");
            }

            await step.RetryAsync();
            return true;
        }, ct);

    private async Task<InstanceSnapshot?> ResumeLockedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, InstanceRecord instance, string bookmarkId, JsonObject? input, CancellationToken ct)
    {
        if (await StepAtBookmarkAsync(connection, transaction, instance, bookmarkId, input, ct) is not { } stepped)
        {
            return null;
        }

        await transaction.CommitAsync(ct);
        return AfterCommit(stepped.Chain, stepped.Snapshot);
    }

    /// <summary>Runs and saves the step that resumes at the bookmark, without committing; null when the instance no longer waits there.</summary>
    private async Task<(StepChain Chain, InstanceSnapshot Snapshot)?> StepAtBookmarkAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, InstanceRecord instance,
        string bookmarkId, JsonObject? input, CancellationToken ct)
    {
        var bookmarks = await InstanceStore.BookmarksAsync(connection, transaction, instance.Id, ct);
        var bookmark = bookmarks.FirstOrDefault(b => b.Id == bookmarkId);
        if (bookmark is null)
        {
            return null;
        }

        if (instance.IsFinished)
        {
            throw new InstanceStateConflictException($"Instance {instance.Id} is {instance.SubStatus.ToLowerInvariant()}; it cannot be resumed.");
        }

        var definition = await DefinitionOf(instance, ct);
        var step = new WorkflowStep(definition, instance, bookmarks, registry, clock, logger, Budget);
        await step.ResumeAsync(bookmark, input);
        return await SaveAsync(connection, transaction, definition, instance, step, resolveIncidents: false, ct);
    }

    private async Task<InstanceSnapshot> WithLockedInstanceAsync(string instanceId, Func<InstanceRecord, WorkflowStep, Task<bool>> act, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var instance = await InstanceStore.LockAsync(connection, transaction, instanceId, skipLocked: false, ct)
                       ?? throw new WorkflowNotFoundException($"No workflow instance '{instanceId}'.");
        var definition = await DefinitionOf(instance, ct);
        var bookmarks = await InstanceStore.BookmarksAsync(connection, transaction, instance.Id, ct);
        var step = new WorkflowStep(definition, instance, bookmarks, registry, clock, logger, Budget);
        var resolveIncidents = await act(instance, step);
        return await CommitAsync(connection, transaction, definition, instance, step, resolveIncidents, ct);
    }

    private async Task<InstanceSnapshot> CommitAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, WorkflowDefinition definition, InstanceRecord instance, WorkflowStep step, bool resolveIncidents, CancellationToken ct)
    {
        var (context, snapshot) = await SaveAsync(connection, transaction, definition, instance, step, resolveIncidents, ct);
        await transaction.CommitAsync(ct);
        return AfterCommit(context, snapshot);
    }

    /// <summary>
    /// Writes the step and lets every effect handler write its part, in the caller's transaction; then the children the
    /// step asked for and the parents it resumes, each as a step of its own in the same transaction.
    /// </summary>
    private async Task<(StepChain Context, InstanceSnapshot Snapshot)> SaveAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, WorkflowDefinition definition, InstanceRecord instance, WorkflowStep step, bool resolveIncidents, CancellationToken ct)
    {
        var chain = new StepChain(connection, transaction);
        var snapshot = await SaveChainAsync(chain, definition, instance, step, resolveIncidents, parentHeld: false, ct);
        return (chain, snapshot);
    }

    private async Task<InstanceSnapshot> SaveOneAsync(StepChain chain, WorkflowDefinition definition, InstanceRecord instance, WorkflowStep step, bool resolveIncidents, CancellationToken ct)
    {
        instance.UpdatedAt = clock.GetUtcNow();
        await InstanceStore.SaveAsync(chain.Connection, chain.Transaction, instance, step.Changes, resolveIncidents, ct);
        var context = new WorkflowEffectContext(chain.Connection, chain.Transaction, instance, definition, step.Changes.Effects, instance.UpdatedAt);
        foreach (var handler in effectHandlers)
        {
            await handler.HandleAsync(context, ct);
        }

        chain.Contexts.Add(context);
        return new InstanceSnapshot(instance.Id, instance.DefinitionId, instance.DefinitionVersionId, instance.Version, instance.Status, instance.SubStatus,
            instance.CorrelationId, [.. step.Bookmarks], new JsonObject(instance.State.Variables.Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))));
    }

    private InstanceSnapshot AfterCommit(StepChain chain, InstanceSnapshot snapshot)
    {
        foreach (var action in chain.Contexts.SelectMany(c => c.AfterCommit))
        {
            action();
        }

        logger.LogDebug("Instance {InstanceId} of {DefinitionId} is {Status}/{SubStatus}", snapshot.Id, snapshot.DefinitionId, snapshot.Status, snapshot.SubStatus);
        return snapshot;
    }

    private async Task<WorkflowDefinition> DefinitionOf(InstanceRecord instance, CancellationToken ct) =>
        await definitions.FindByIdAsync(instance.DefinitionVersionId, ct)
        ?? throw new WorkflowNotFoundException($"Definition version '{instance.DefinitionVersionId}' of instance {instance.Id} is missing.");
}
