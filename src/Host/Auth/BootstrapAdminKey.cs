using CaseFlow.ServiceDefaults.Access;
using CaseFlow.ServiceDefaults.Hosting;
using Microsoft.Extensions.Options;

namespace CaseFlow.Host.Auth;

/// <summary>Registers <c>Auth:BootstrapAdminApiKey</c> once the schema exists.</summary>
internal sealed class BootstrapAdminKey(ApiKeyStore store, IOptions<AuthOptions> options, ILogger<BootstrapAdminKey> logger) : StartupTask
{
    public override async Task StartingAsync(CancellationToken cancellationToken)
    {
        var key = options.Value.BootstrapAdminApiKey;
        if (!string.IsNullOrWhiteSpace(key))
        {
            await store.EnsureAsync("bootstrap-admin", key, [Roles.Admin], cancellationToken);
            logger.LogInformation("Bootstrap admin API key registered from {Setting}", "Auth:BootstrapAdminApiKey");
        }
    }
}
