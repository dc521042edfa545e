using System.Text.Json.Nodes;
using CaseFlow.Workflows.Definitions;

namespace CaseFlow.Workflows.Runtime;

/// <summary>
/// A request to start an instance. <paramref name="InstanceId"/> lets a caller write its own rows about the instance in the
/// same unit of work before the first step runs; empty, the runtime picks one.
/// </summary>
public sealed record StartWorkflow(
    string DefinitionId,
    VersionOptions? Version = null,
    JsonObject? Input = null,
    string? CorrelationId = null,
    string? Name = null,
    string? InstanceId = null);

/// <summary>What a caller learns about an instance after a step.</summary>
public sealed record InstanceSnapshot(
    string Id,
    string DefinitionId,
    string DefinitionVersionId,
    int Version,
    string Status,
    string SubStatus,
    string? CorrelationId,
    IReadOnlyList<StoredBookmark> Bookmarks,
    JsonObject Variables);

public sealed class WorkflowNotFoundException(string message) : Exception(message);

/// <summary>The instance is not in a state that allows the request (resuming a finished instance, retrying one that is not faulted).</summary>
public sealed class InstanceStateConflictException(string message) : Exception(message);
