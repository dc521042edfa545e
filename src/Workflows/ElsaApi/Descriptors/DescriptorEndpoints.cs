using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Workflows.ElsaApi.Descriptors;

/// <summary>What the Studio's editor loads to draw the toolbox, input editors and settings tabs.</summary>
internal static class DescriptorEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        ActivityDescriptors.Map(api);
        ExpressionDescriptors.Map(api);
        StrategyDescriptors.Map(api);
        VariableTypes.Map(api);
    }
}
