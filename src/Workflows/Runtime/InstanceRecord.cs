namespace CaseFlow.Workflows.Runtime;

/// <summary>The instance row as loaded under its lock: mutable while one step runs, then written back.</summary>
public sealed class InstanceRecord
{
    public required string Id { get; init; }

    public required string DefinitionId { get; init; }

    public required string DefinitionVersionId { get; init; }

    public required int Version { get; init; }

    public string? Name { get; set; }

    public string Status { get; set; } = WorkflowStatus.Running;

    public string SubStatus { get; set; } = WorkflowSubStatus.Pending;

    public string? CorrelationId { get; set; }

    public required InstanceState State { get; init; }

    public int IncidentCount { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public bool IsFinished => Status == WorkflowStatus.Finished;
}
