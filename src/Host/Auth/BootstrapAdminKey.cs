using CaseFlow.ServiceDefaults.Access;
using CaseFlow.ServiceDefaults.Hosting;
using Microsoft.Extensions.Options;

namespace CaseFlow.Host.Auth;

/// <summary>
/// Makes the database's bootstrap admin key match <c>Auth:BootstrapAdminApiKey</c> once the schema exists: the key
/// of the setting is registered (marked bootstrap), every other bootstrap key is revoked, and outside Development the
/// Development key is refused as a setting and revoked wherever an earlier run stored it.
/// </summary>
internal sealed class BootstrapAdminKey(ApiKeyStore store, IOptions<AuthOptions> options, IHostEnvironment environment, ILogger<BootstrapAdminKey> logger)
    : StartupTask
{
    public const string Setting = "Auth:BootstrapAdminApiKey";

    public override async Task StartingAsync(CancellationToken cancellationToken)
    {
        var key = options.Value.BootstrapAdminApiKey.Trim();
        if (!environment.IsDevelopment() && DevelopmentKey.Is(key))
        {
            throw new StartupException(
                $"{Setting} is the Development key '{DevelopmentKey.Value}', which is public; outside Development set a long random key, or leave it empty.");
        }

        var outcome = await store.ReplaceBootstrapAsync("bootstrap-admin", key.Length == 0 ? null : key, [Roles.Admin], revokeDevelopmentKey: !environment.IsDevelopment(),
            cancellationToken);
        if (outcome.ConfiguredKeyWasRevoked)
        {
            throw new StartupException($"{Setting} names a key that was revoked; a revoked key stays revoked, so set a new one.");
        }

        if (outcome.Revoked > 0)
        {
            logger.LogWarning("Revoked {Count} earlier bootstrap admin key(s): {Setting} no longer names them", outcome.Revoked, Setting);
        }

        if (key.Length > 0)
        {
            logger.LogInformation("Bootstrap admin API key registered from {Setting}", Setting);
        }
    }
}
