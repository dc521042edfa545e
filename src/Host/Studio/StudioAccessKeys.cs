using System.Collections.Concurrent;
using System.Security.Claims;
using CaseFlow.Host.Auth;
using CaseFlow.ServiceDefaults.Access;
using Microsoft.Extensions.Options;

namespace CaseFlow.Host.Studio;

/// <summary>
/// Mints the API key the Studio in a designer's browser sends to <c>/elsa/api</c>: role designer only (never admin,
/// whatever the person's roles), short-lived, one per person, reused while at least half its lifetime is left.
/// </summary>
public sealed class StudioAccessKeys(ApiKeyStore store, TimeProvider clock, IOptions<StudioOptions> options)
{
    private readonly ConcurrentDictionary<string, Issued> issued = new(StringComparer.Ordinal);

    private sealed record Issued(string Secret, DateTimeOffset ExpiresAt);

    public async Task<string> ForAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var person = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.Identity?.Name ?? "designer";
        var now = clock.GetUtcNow();
        var lifetime = options.Value.KeyLifetime;
        if (issued.TryGetValue(person, out var current) && current.ExpiresAt - now > lifetime / 2)
        {
            return current.Secret;
        }

        var expiresAt = now + lifetime;
        var (_, secret) = await store.CreateAsync($"studio: {user.Identity?.Name ?? person}", [Roles.Designer], ct, lifetime, owner: person);
        issued[person] = new Issued(secret, expiresAt);
        return secret;
    }
}
