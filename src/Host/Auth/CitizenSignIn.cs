using System.Security.Claims;
using CaseFlow.DevIdentity;
using CaseFlow.ServiceDefaults.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CaseFlow.Host.Auth;

/// <summary>
/// The citizens' sign-in: the standard ASP.NET Core OpenID Connect handler (authorization code + PKCE) against the
/// configured provider, into a cookie of its own. Its cookies (correlation, nonce, session) are protected by the shared
/// key ring, so the callback and later requests may land on any host.
/// </summary>
public static class CitizenSignIn
{
    public static IServiceCollection AddCaseFlowCitizenSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CitizenSignInOptions>().Bind(configuration.GetSection(CitizenSignInOptions.Section))
            .Validate(o => o.SessionLifetime > TimeSpan.Zero, "CitizenSignIn:SessionLifetime must be a positive time span (e.g. 00:30:00).")
            .Validate(o => o.CallbackPath.StartsWith('/'), "CitizenSignIn:CallbackPath must start with '/'.")
            .ValidateOnStart();
        var settings = configuration.GetSection(CitizenSignInOptions.Section).Get<CitizenSignInOptions>() ?? new();
        var authentication = services.AddAuthentication();
        authentication.AddCookie(CitizenIdentity.CookieScheme, options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            // Lax, not Strict: the browser comes back from the provider by a cross-site redirect.
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = settings.SessionLifetime;
            options.SlidingExpiration = true;
            options.LoginPath = "/accedi";
            options.AccessDeniedPath = "/accedi";
        });
        services.AddAuthorizationBuilder().AddPolicy(CitizenIdentity.Policy, policy => policy
            .AddAuthenticationSchemes(CitizenIdentity.CookieScheme).RequireAuthenticatedUser().RequireClaim(CitizenIdentity.FiscalCode));
        if (string.IsNullOrWhiteSpace(settings.Authority) && !DevIdentityExtensions.IsEnabled(configuration))
        {
            // No provider: the public pages still work and /accedi says that signing in is not available.
            return services;
        }

        authentication.AddOpenIdConnect(CitizenIdentity.ProviderScheme, "SPID / CIE", options =>
        {
            options.SignInScheme = CitizenIdentity.CookieScheme;
            options.ResponseType = OpenIdConnectResponseType.Code;
            options.ResponseMode = OpenIdConnectResponseMode.Query;
            options.UsePkce = true;
            // The provider comes back by a top-level GET (query response mode), which Lax cookies survive; Secure whenever
            // the request is HTTPS (behind a TLS proxy too), so plain-HTTP loopback development works in every browser.
            foreach (var cookie in new[] { options.CorrelationCookie, options.NonceCookie })
            {
                cookie.SameSite = SameSiteMode.Lax;
                cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            }
            options.CallbackPath = settings.CallbackPath;
            options.MapInboundClaims = false;
            options.SaveTokens = false;
            options.GetClaimsFromUserInfoEndpoint = settings.UseUserInfo;
            options.Scope.Clear();
            foreach (var scope in settings.Scopes)
            {
                options.Scope.Add(scope);
            }

            var names = settings.Claims;
            foreach (var claim in new[] { names.FiscalNumber, names.GivenName, names.FamilyName, names.Email, names.Phone, names.Address, names.CompanyName, names.CompanyVat })
            {
                options.ClaimActions.MapUniqueJsonKey(claim, claim);
            }

            options.Events.OnTicketReceived = context => MapAsync(context, names);
            options.Events.OnRemoteFailure = context =>
            {
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CitizenSignIn))
                    .LogWarning(context.Failure, "Citizen sign-in failed: {Reason}", context.Failure?.Message);
                context.Response.Redirect("/accedi?errore=1");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
        services.AddSingleton<IConfigureOptions<OpenIdConnectOptions>, ProviderAddress>();
        return services;
    }

    /// <summary>
    /// A request without an operator (or API key) is the citizen's, when their cookie is there: every page and form then
    /// sees one user, so an antiforgery token issued on a citizen page validates on the endpoint it posts to. A citizen
    /// has no role, so the operators' pages and APIs refuse them (403).
    /// </summary>
    public static IApplicationBuilder UseCaseFlowCitizenSession(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated != true && context.Request.Cookies.ContainsKey(CookieName))
        {
            var citizen = await context.AuthenticateAsync(CitizenIdentity.CookieScheme);
            if (citizen.Succeeded)
            {
                context.User = citizen.Principal;
            }
        }

        await next(context);
    });

    private const string CookieName = "caseflow.citizen";

    /// <summary>The provider's attributes become CaseFlow's citizen claims; without a valid fiscal code nobody signs in.</summary>
    private static Task MapAsync(TicketReceivedContext context, CitizenClaimNames names)
    {
        var from = context.Principal!;
        var fiscalCode = Strip(from.FindFirstValue(names.FiscalNumber), "TINIT-");
        if (fiscalCode is null || Cases.Intake.FiscalCode.Validate(fiscalCode) is not null)
        {
            context.Response.Redirect("/accedi?errore=codice-fiscale");
            context.HandleResponse();
            return Task.CompletedTask;
        }

        var givenName = from.FindFirstValue(names.GivenName) ?? "";
        var familyName = from.FindFirstValue(names.FamilyName) ?? "";
        var identity = new ClaimsIdentity(CitizenIdentity.CookieScheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, $"{givenName} {familyName}".Trim()));
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, "cittadino:" + Cases.Intake.FiscalCode.Normalise(fiscalCode)));
        identity.AddClaim(new Claim(CitizenIdentity.FiscalCode, Cases.Intake.FiscalCode.Normalise(fiscalCode)));
        Add(identity, CitizenIdentity.GivenName, givenName);
        Add(identity, CitizenIdentity.FamilyName, familyName);
        Add(identity, CitizenIdentity.Email, from.FindFirstValue(names.Email));
        Add(identity, CitizenIdentity.Phone, from.FindFirstValue(names.Phone));
        Add(identity, CitizenIdentity.Address, Formatted(from.FindFirstValue(names.Address)));
        Add(identity, CitizenIdentity.CompanyName, from.FindFirstValue(names.CompanyName));
        Add(identity, CitizenIdentity.CompanyVat, Strip(from.FindFirstValue(names.CompanyVat), "VATIT-"));
        context.Principal = new ClaimsPrincipal(identity);
        return Task.CompletedTask;
    }

    /// <summary>OpenID Connect's address is a JSON object (its <c>formatted</c> member); SPID's domicile may be plain text.</summary>
    private static string? Formatted(string? address)
    {
        if (address is null || !address.TrimStart().StartsWith('{'))
        {
            return address;
        }

        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(address)?["formatted"]?.GetValue<string>();
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string? Strip(string? value, string prefix) =>
        value is null ? null : value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? value[prefix.Length..].Trim() : value.Trim();

    private static void Add(ClaimsIdentity identity, string type, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            identity.AddClaim(new Claim(type, value.Trim()));
        }
    }

    /// <summary>
    /// The provider and client, resolved when the handler is first used: the configured ones, or the development
    /// provider at this host's own listening address (known only once the server has started).
    /// </summary>
    private sealed class ProviderAddress(IOptions<CitizenSignInOptions> settings, IOptions<DevIdentityOptions> devIdentity, IServer server)
        : IConfigureNamedOptions<OpenIdConnectOptions>
    {
        public void Configure(string? name, OpenIdConnectOptions options)
        {
            if (name != CitizenIdentity.ProviderScheme)
            {
                return;
            }

            var configured = settings.Value;
            var own = string.IsNullOrWhiteSpace(configured.Authority);
            options.Authority = own ? OwnAddress() + DevIdentityOptions.PathBase : configured.Authority.Trim();
            // The development provider's own client, unless the settings name another.
            options.ClientId = string.IsNullOrEmpty(configured.ClientId) && devIdentity.Value.Enabled ? devIdentity.Value.ClientId : configured.ClientId;
            options.ClientSecret = string.IsNullOrEmpty(configured.ClientSecret) && devIdentity.Value.Enabled ? devIdentity.Value.ClientSecret : configured.ClientSecret;
            options.RequireHttpsMetadata = !own && configured.RequireHttpsMetadata;
        }

        public void Configure(OpenIdConnectOptions options) => Configure(Options.DefaultName, options);

        private string OwnAddress()
        {
            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost";
            // A wildcard binding is reached on loopback from this machine.
            return address.Replace("://+", "://localhost").Replace("://*", "://localhost").Replace("://0.0.0.0", "://localhost")
                .Replace("://[::]", "://localhost").TrimEnd('/');
        }
    }
}
