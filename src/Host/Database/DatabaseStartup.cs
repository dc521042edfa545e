using CaseFlow.ServiceDefaults.Hosting;
using Npgsql;

namespace CaseFlow.Host.Database;

/// <summary>
/// Brings the database up to date before any other hosted service (Hangfire's server included) starts.
/// A database that cannot be reached stops the host with a message naming the setting.
/// Other modules seed their data in their own <see cref="IHostedLifecycleService.StartingAsync"/>, which runs after this one.
/// </summary>
internal sealed class DatabaseStartup(
    CaseFlowDatabase database,
    IServiceProvider services,
    ILogger<DatabaseStartup> logger) : StartupTask
{
    public override async Task StartingAsync(CancellationToken cancellationToken)
    {
        try
        {
            var runner = ActivatorUtilities.CreateInstance<MigrationRunner>(services, database.DataSource);
            await runner.MigrateAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            logger.LogCritical("Cannot use the PostgreSQL database given by {Setting}: {Reason}", CaseFlowDatabase.ConnectionStringSetting, ex.Message);
            throw new StartupException(
                $"Cannot use the PostgreSQL database given by {CaseFlowDatabase.ConnectionStringSetting}: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            logger.LogCritical("{Reason}", ex.Message);
            throw new StartupException(ex.Message, ex);
        }
    }
}
