using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CaseFlow.Notifications;

public static class ServiceCollectionExtensions
{
    /// <summary>Citizen and office email: outbox, templates, dispatch.</summary>
    public static IServiceCollection AddCaseFlowNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }

    public static IEndpointRouteBuilder MapCaseFlowNotifications(this IEndpointRouteBuilder app)
    {
        return app;
    }
}
