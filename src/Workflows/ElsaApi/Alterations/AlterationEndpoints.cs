using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Workflows.ElsaApi.Alterations;

/// <summary>Elsa's alterations API, as far as CaseFlow's runtime supports it.</summary>
internal static class AlterationEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        Run.Map(api);
        RetryWorkflows.Map(api);
    }
}

/// <summary>Elsa's RunAlterationsResult: what happened to one instance.</summary>
internal sealed record AlterationResult(string WorkflowInstanceId, List<AlterationLogEntry> Log)
{
    public bool IsSuccessful => Log.All(e => e.LogLevel != "Error");

    public void Add(string level, string message, DateTimeOffset at) => Log.Add(new AlterationLogEntry(message, level, at));
}

internal sealed record AlterationLogEntry(string Message, string LogLevel, DateTimeOffset Timestamp);

internal sealed record AlterationsResponse(IReadOnlyList<AlterationResult> Results);
