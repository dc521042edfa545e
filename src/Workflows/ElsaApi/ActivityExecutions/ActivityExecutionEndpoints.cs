using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Workflows.ElsaApi.ActivityExecutions;

/// <summary>The instance viewer's per-activity records and statistics.</summary>
internal static class ActivityExecutionEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        List.Map(api);
        Report.Map(api);
    }
}
