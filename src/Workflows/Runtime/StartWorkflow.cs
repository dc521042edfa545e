using System.Text.Json.Nodes;
using CaseFlow.Workflows.Definitions;
using Npgsql;

namespace CaseFlow.Workflows.Runtime;

/// <summary>A request to start an instance. <see cref="OnCreated"/> runs in the same transaction, before the first step.</summary>
public sealed record StartWorkflow(
    string DefinitionId,
    VersionOptions? Version = null,
    JsonObject? Input = null,
    string? CorrelationId = null,
    string? Name = null,
    Func<NpgsqlConnection, NpgsqlTransaction, string, Task>? OnCreated = null);

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
