namespace CaseFlow.Workflows.Runtime;

/// <summary>Another step holds the instance: the caller's unit of work is rolled back and tried again later.</summary>
public sealed class InstanceBusyException(string instanceId) : Exception($"Instance {instanceId} is held by another step.")
{
    public string InstanceId { get; } = instanceId;
}
