using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CaseFlow.ServiceDefaults.Changes;

public static class ChangeFeedExtensions
{
    /// <summary>One feed per host, whichever modules ask for it.</summary>
    public static IServiceCollection AddCaseFlowChangeFeed(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(ChangeFeed)))
        {
            return services;
        }

        services.AddSingleton<ChangeFeed>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<ChangeFeed>());
        return services;
    }
}
