using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CaseFlow.DevIdentity;

/// <summary>
/// What a client registry would check, for the one client of the degraded mode: its id, its secret, and that it sends
/// the code back only to the host's own callback (no open redirect).
/// </summary>
internal static class ClientRules
{
    /// <summary>Before the built-in checks of the request: an unknown client is refused before its code is even read.</summary>
    public const int Early = int.MinValue + 50_000;

    private static readonly string[] UserInfoClaims = ["fiscalNumber", "name", "familyName", "email", "mobilePhone", "address", "dateOfBirth", "companyName", "ivaCode"];

    /// <summary>The host's main pipeline sees the same handler on every request: only the mounted branch is the provider.</summary>
    public static ValueTask OnlyUnderPathBase(OpenIddictServerEvents.ProcessRequestContext context)
    {
        if (context.Transaction.GetHttpRequest() is { } request && !request.PathBase.StartsWithSegments(DevIdentityOptions.PathBase))
        {
            context.SkipRequest();
        }

        return default;
    }

    internal sealed class Authorization(IOptions<DevIdentityOptions> options) : IOpenIddictServerHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>
    {
        public ValueTask HandleAsync(OpenIddictServerEvents.ValidateAuthorizationRequestContext context)
        {
            var http = context.Transaction.GetHttpRequest();
            if (context.ClientId != options.Value.ClientId)
            {
                context.Reject(Errors.InvalidClient, "Unknown client_id.");
            }
            else if (http is null || !Uri.TryCreate(context.RedirectUri, UriKind.Absolute, out var redirect)
                || !Uri.TryCreate($"{http.Scheme}://{http.Host}", UriKind.Absolute, out var own)
                || redirect.Scheme != own.Scheme || !string.Equals(redirect.Authority, own.Authority, StringComparison.OrdinalIgnoreCase)
                || redirect.AbsolutePath != options.Value.CallbackPath || redirect.Query.Length > 0)
            {
                context.Reject(Errors.InvalidRequest, $"The redirect_uri {context.RedirectUri} is not the client's callback on this host ({http?.Host}).");
            }

            return default;
        }
    }

    internal sealed class Token(IOptions<DevIdentityOptions> options) : IOpenIddictServerHandler<OpenIddictServerEvents.ValidateTokenRequestContext>
    {
        public ValueTask HandleAsync(OpenIddictServerEvents.ValidateTokenRequestContext context)
        {
            var expected = options.Value;
            var secretMatches = context.ClientSecret is { } secret && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(secret), System.Text.Encoding.UTF8.GetBytes(expected.ClientSecret));
            if (context.ClientId != expected.ClientId || !secretMatches)
            {
                context.Reject(Errors.InvalidClient, "Unknown client or wrong client secret.");
            }

            return default;
        }
    }

    /// <summary>The same SPID-like attributes as the identity token, for clients that read them from the userinfo endpoint.</summary>
    public static ValueTask UserInfo(OpenIddictServerEvents.HandleUserInfoRequestContext context)
    {
        foreach (var type in UserInfoClaims)
        {
            if (context.AccessTokenPrincipal?.GetClaim(type) is { Length: > 0 } value)
            {
                context.Claims[type] = value;
            }
        }

        return default;
    }
}
