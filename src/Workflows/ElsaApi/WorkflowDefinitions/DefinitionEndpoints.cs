using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Workflows.ElsaApi.WorkflowDefinitions;

/// <summary>Elsa's workflow-definitions resource, for designers.</summary>
internal static class DefinitionEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        List.Map(api);
        Get.Map(api);
        Save.Map(api);
        Publish.Map(api);
        Retract.Map(api);
        BulkPublish.Map(api);
        Export.Map(api);
        Import.Map(api);
        IsNameUnique.Map(api);
        Delete.Map(api);
    }
}

/// <summary>Starting instances from a definition, for admins and designers.</summary>
internal static class RunEndpoints
{
    public const string InstanceIdHeader = "x-elsa-workflow-instance-id";

    public static void Map(RouteGroupBuilder api)
    {
        Execute.Map(api);
        Dispatch.Map(api);
    }
}
