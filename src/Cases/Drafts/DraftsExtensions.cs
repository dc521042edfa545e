using CaseFlow.ServiceDefaults.Retention;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CaseFlow.Cases.Drafts;

public static class DraftsExtensions
{
    /// <summary>The online application: its steps, drafts (and their retention rule), once-only answers, sending.</summary>
    public static IServiceCollection AddCaseFlowDrafts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CitizensOptions>().Bind(configuration.GetSection(CitizensOptions.Section))
            .Validate(o => o.DraftLifetimeDays > 0, "Citizens:DraftLifetimeDays must be positive.")
            .Validate(o => o.MaxDraftFiles > 0, "Citizens:MaxDraftFiles must be positive.")
            .ValidateOnStart();
        services.AddSingleton<ApplicationDrafts>();
        services.AddSingleton<OnceOnly>();
        services.AddSingleton<OnlineApplications>();
        services.AddSingleton<IRetentionRule, ExpiredDrafts>();
        return services;
    }
}
