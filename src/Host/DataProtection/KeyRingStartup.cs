using CaseFlow.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Npgsql;

namespace CaseFlow.Host.DataProtection;

/// <summary>
/// Makes sure the shared key ring has a usable key before the host serves, under an advisory lock: hosts that start
/// together would otherwise each create a key and, until their caches refresh, reject each other's cookies.
/// </summary>
internal sealed class KeyRingStartup(NpgsqlDataSource dataSource, IKeyManager keys, TimeProvider clock, ILogger<KeyRingStartup> logger) : StartupTask
{
    // Ahead of the key's expiry, so a new one exists before the old one lapses (the framework renews the same way).
    private static readonly TimeSpan Margin = TimeSpan.FromDays(7);

    public override async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_lock(hashtext('caseflow:data-protection'))", connection))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            var now = clock.GetUtcNow();
            var usable = keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now + Margin);
            if (!usable)
            {
                var key = keys.CreateNewKey(now, now.AddDays(90));
                logger.LogInformation("Data-protection key {KeyId} created in the shared key ring", key.KeyId);
            }
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtext('caseflow:data-protection'))", connection);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
