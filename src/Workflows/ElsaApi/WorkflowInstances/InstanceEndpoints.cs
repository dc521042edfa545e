using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Workflows.ElsaApi.WorkflowInstances;

/// <summary>Reading instances: the Studio's instance list and viewer, for designers and supervisors.</summary>
internal static class InstanceEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        List.Map(api);
        Get.Map(api);
        Variables.Map(api);
        Journal.Map(api);
    }
}

/// <summary>Acting on instances (cancel, resume, retry, delete), for admins and designers.</summary>
internal static class ControlEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        Cancel.Map(api);
        Resume.Map(api);
        Retry.Map(api);
        Delete.Map(api);
    }
}
