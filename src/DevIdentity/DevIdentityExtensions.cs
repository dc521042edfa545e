using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CaseFlow.DevIdentity;

/// <summary>
/// The development OpenID Connect provider, mounted at <c>/dev-identity</c> on the host itself (so it is on loopback
/// wherever the host is): discovery, JWKS, authorization (with PKCE) and token endpoints, one confidential client.
/// </summary>
public static class DevIdentityExtensions
{
    private static readonly string[] Scopes = [OpenIddict.Abstractions.OpenIddictConstants.Scopes.OpenId, "profile", "email", "phone", "address"];

    /// <summary>Whether the provider runs, read once from configuration (the host's citizen sign-in points at it by default).</summary>
    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue<bool>($"{DevIdentityOptions.Section}:Enabled");

    public static IServiceCollection AddCaseFlowDevIdentity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<DevIdentityOptions>().Bind(configuration.GetSection(DevIdentityOptions.Section))
            .Validate(o => !o.Enabled || o.AllowOutsideDevelopment || environment.IsDevelopment(),
                "DevIdentity:Enabled lets anyone sign in as a demo citizen: it is refused outside Development (set DevIdentity:AllowOutsideDevelopment only for tests).")
            .Validate(o => !o.Enabled || (o.ClientId.Length > 0 && o.ClientSecret.Length >= 16),
                "DevIdentity:ClientId is required and DevIdentity:ClientSecret needs at least 16 characters.")
            .ValidateOnStart();
        if (!IsEnabled(configuration))
        {
            return services;
        }

        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, SigningKeys>();
        services.AddOpenIddict().AddServer(options =>
        {
            options.SetAuthorizationEndpointUris("connect/authorize")
                .SetTokenEndpointUris("connect/token")
                .SetUserInfoEndpointUris("connect/userinfo")
                .SetJsonWebKeySetEndpointUris(".well-known/jwks")
                .SetConfigurationEndpointUris(".well-known/openid-configuration");
            options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            options.RegisterScopes(Scopes);
            options.RegisterClaims("fiscalNumber", "name", "familyName", "email", "mobilePhone", "address", "dateOfBirth", "companyName", "ivaCode");
            // No client or token database: the one client is checked by the handlers below, and codes are sealed with
            // the shared data-protection key ring, so any host can redeem a code another host issued.
            options.EnableDegradedMode();
            options.DisableAccessTokenEncryption();
            options.UseDataProtection();
            options.AddEventHandler<OpenIddictServerEvents.ProcessRequestContext>(builder => builder.UseInlineHandler(ClientRules.OnlyUnderPathBase).SetOrder(int.MinValue));
            options.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(builder => builder.UseScopedHandler<ClientRules.Authorization>().SetOrder(ClientRules.Early));
            options.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(builder => builder.UseScopedHandler<ClientRules.Token>().SetOrder(ClientRules.Early));
            options.AddEventHandler<OpenIddictServerEvents.HandleUserInfoRequestContext>(builder => builder.UseInlineHandler(ClientRules.UserInfo));
            options.UseAspNetCore()
                .EnableAuthorizationEndpointPassthrough()
                // Loopback HTTP in Development and the tests; a real deployment uses a real provider over HTTPS.
                .DisableTransportSecurityRequirement();
        });
        return services;
    }

    /// <summary>
    /// Mounts the provider under <see cref="DevIdentityOptions.PathBase"/>, before the host's own authentication: the path
    /// base makes the issuer <c>{host}/dev-identity/</c>, and the branch keeps the provider apart from the host's pages.
    /// </summary>
    public static IApplicationBuilder UseCaseFlowDevIdentity(this IApplicationBuilder app, IConfiguration configuration)
    {
        if (!IsEnabled(configuration))
        {
            return app;
        }

        app.Map(DevIdentityOptions.PathBase, branch =>
        {
            branch.UseAuthentication();
            branch.Run(async http =>
            {
                if (http.Request.Path == "/connect/authorize")
                {
                    await SignInPage.HandleAsync(http);
                    return;
                }

                http.Response.StatusCode = StatusCodes.Status404NotFound;
            });
        });
        return app;
    }
}
