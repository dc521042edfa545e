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

    /// <summary>The instance whose activity started this one (ExecuteWorkflow, DispatchWorkflow, a workflow used as an activity).</summary>
    public string? ParentInstanceId { get; init; }

    /// <summary>The top of this instance's tree of parents; null for a top-level instance.</summary>
    public string? RootInstanceId { get; init; }

    /// <summary>The instance an owner attaches this one to: its root, or itself.</summary>
    public string RootId => RootInstanceId ?? Id;

    public bool IsFinished => Status == WorkflowStatus.Finished;

    /// <summary>A new instance of a definition version, pending its first step; a child names the instance that started it.</summary>
    public static InstanceRecord New(Definitions.WorkflowDefinition definition, string id, string? name, string? correlationId, System.Text.Json.Nodes.JsonObject input,
        DateTimeOffset now, InstanceRecord? parent = null) => new()
    {
        Id = id,
        DefinitionId = definition.DefinitionId,
        DefinitionVersionId = definition.Id,
        Version = definition.Version,
        Name = name ?? definition.Name,
        CorrelationId = correlationId,
        ParentInstanceId = parent?.Id,
        RootInstanceId = parent?.RootId,
        State = new InstanceState { Input = input },
        CreatedAt = now,
        UpdatedAt = now,
    };
}
