using CaseFlow.ServiceDefaults.Access;
using Microsoft.AspNetCore.Authentication;

namespace CaseFlow.Host.Auth;

public static class AuthExtensions
{
    /// <summary>API-key authentication and one authorisation policy per role (admin passes every policy).</summary>
    public static IServiceCollection AddCaseFlowAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section));
        services.AddSingleton<ApiKeyStore>();
        services.AddHostedService<BootstrapAdminKey>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(options =>
        {
            foreach (var role in Roles.All)
            {
                options.AddPolicy(role, policy => policy.RequireRole(role, Roles.Admin));
            }
        });
        return services;
    }
}
