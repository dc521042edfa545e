using CaseFlow.Workflows.Definitions;
using Npgsql;

namespace CaseFlow.Workflows.Runtime;

/// <summary>
/// Acts on a step's effects inside the step's own transaction (open a task row, write an outbox row, close a case).
/// Throwing aborts the whole step: nothing is half-written.
/// </summary>
public interface IWorkflowEffectHandler
{
    Task HandleAsync(WorkflowEffectContext context, CancellationToken ct);
}

/// <summary>The step's transaction, the instance as it now stands, and the effects the step produced.</summary>
public sealed class WorkflowEffectContext(
    NpgsqlConnection connection,
    NpgsqlTransaction transaction,
    InstanceRecord instance,
    WorkflowDefinition definition,
    IReadOnlyList<WorkflowEffect> effects,
    DateTimeOffset now)
{
    private readonly List<Action> afterCommit = [];

    public NpgsqlConnection Connection { get; } = connection;

    public NpgsqlTransaction Transaction { get; } = transaction;

    public InstanceRecord Instance { get; } = instance;

    public WorkflowDefinition Definition { get; } = definition;

    public IReadOnlyList<WorkflowEffect> Effects { get; } = effects;

    public DateTimeOffset Now { get; } = now;

    internal IReadOnlyList<Action> AfterCommit => afterCommit;

    /// <summary>Runs once the transaction committed (e.g. nudge a dispatcher); never for a rolled-back step.</summary>
    public void OnCommitted(Action action) => afterCommit.Add(action);
}
