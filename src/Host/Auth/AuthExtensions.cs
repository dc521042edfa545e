using CaseFlow.ServiceDefaults.Access;
using CaseFlow.ServiceDefaults.Changes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CaseFlow.Host.Auth;

public static class AuthExtensions
{
    /// <summary>API-key authentication and one authorisation policy per role (admin passes every policy).</summary>
    public static IServiceCollection AddCaseFlowAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section))
            .Validate(o => o.LoginAttemptsPerAddress > 0, "Auth:LoginAttemptsPerAddress must be positive.")
            .Validate(o => o.LoginAttemptsPerUser > 0, "Auth:LoginAttemptsPerUser must be positive.")
            .Validate(o => o.LoginWindow > TimeSpan.Zero, "Auth:LoginWindow must be a positive time span (e.g. 00:05:00).")
            .ValidateOnStart();
        services.AddSingleton<LoginThrottle>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            LoginThrottle.AddPolicy(limiter);
        });
        services.AddCaseFlowChangeFeed();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<CaseFlow.Web.Account.IPeopleSignIn, PeopleSignIn>();
        services.AddHostedService<BootstrapAdminKey>();
        services.AddAuthentication(SelectorScheme)
            // Machine clients send an API key; people carry the login cookie. One default scheme picks per request.
            .AddPolicyScheme(SelectorScheme, "API key or cookie", options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("ApiKey ", StringComparison.OrdinalIgnoreCase)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, options =>
            {
                options.LoginPath = "/login";
                options.Cookie.Name = "caseflow.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                // Secure whenever the request is HTTPS, which behind a TLS proxy the forwarded headers tell (Network:KnownProxies).
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromHours(10);
                options.SlidingExpiration = true;
                // APIs answer 401/403; pages redirect to the login form, and a refusal stays a 403 that the web's error page explains.
                options.Events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden);
            });
        services.AddAuthorization(options =>
        {
            foreach (var role in Roles.All)
            {
                options.AddPolicy(role, policy => policy.RequireRole(role, Roles.Admin));
            }
        });
        return services;
    }

    private const string SelectorScheme = "CaseFlow";

    private static Task Answer(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        var path = context.Request.Path;
        if (status == StatusCodes.Status403Forbidden || path.StartsWithSegments("/api") || path.StartsWithSegments("/elsa") || path.StartsWithSegments("/auth"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
