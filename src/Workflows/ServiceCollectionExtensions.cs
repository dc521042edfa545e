using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CaseFlow.Workflows;

public static class ServiceCollectionExtensions
{
    /// <summary>The workflow runtime, definitions and cases.</summary>
    public static IServiceCollection AddCaseFlowWorkflows(this IServiceCollection services, IConfiguration configuration)
    {
        Terms.TermsExtensions.AddCaseFlowTerms(services, configuration);
        return services;
    }

    public static IEndpointRouteBuilder MapCaseFlowWorkflows(this IEndpointRouteBuilder app)
    {
        Terms.DueDateEndpoint.MapCaseFlowTerms(app);
        return app;
    }
}
