using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Workflows.ElsaApi.Features;

/// <summary>
/// GET /features/installed: the Elsa capabilities CaseFlow actually serves. Elsa.RealTimeWorkflowUpdates is absent on
/// purpose: listing it makes the Studio open a SignalR hub CaseFlow does not have; without it the viewer polls.
/// </summary>
internal static class InstalledFeatures
{
    internal sealed record Feature(string Name, string Namespace, string DisplayName, string Description)
    {
        public string FullName => $"{Namespace}.{Name}";
    }

    private static readonly Feature[] Installed =
    [
        new("WorkflowManagement", "Elsa.Workflows.Management", "Workflow Management", "Workflow definitions, stored and versioned in PostgreSQL."),
        new("WorkflowRuntime", "Elsa.Workflows.Runtime", "Workflow Runtime", "CaseFlow's durable flowchart runtime: bookmarks, timers, journal, incidents."),
        new("WorkflowsApi", "Elsa.Workflows.Api", "Workflows API", "The Elsa REST API the Studio uses."),
        new("JavaScript", "Elsa.JavaScript", "JavaScript", "JavaScript expressions."),
        new("Liquid", "Elsa.Liquid", "Liquid", "Liquid expressions."),
        new("Scheduling", "Elsa.Scheduling", "Scheduling", "Delay, Timer and StartAt."),
        new("Alterations", "Elsa.Alterations", "Alterations", "Retry of faulted instances and variable changes."),
    ];

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/features/installed", () => ElsaJson.Ok(new ListResponse<Feature>(Installed))).WithName("ElsaListInstalledFeatures");
}
