using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CaseFlow.Terms;

public static class TermsExtensions
{
    /// <summary>The legal clock: agency calendars from <c>Terms:Agencies</c>, validated at start-up.</summary>
    public static IServiceCollection AddCaseFlowTerms(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TermsOptions>().Bind(configuration.GetSection(TermsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TermsOptions>, TermsOptionsValidator>();
        // TryAdd: the organisation layer will register its own calendars and win.
        services.TryAddSingleton<IAgencyCalendars, ConfiguredAgencyCalendars>();
        return services;
    }
}
