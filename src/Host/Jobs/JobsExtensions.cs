using CaseFlow.Host.Database;
using CaseFlow.Notifications;
using CaseFlow.ServiceDefaults.Access;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CaseFlow.Host.Jobs;

public static class JobsExtensions
{
    /// <summary>Hangfire on PostgreSQL (schema <c>hangfire</c>, installed by the migrator) and a server in this host.</summary>
    public static IServiceCollection AddCaseFlowJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobsOptions>().Bind(configuration.GetSection(JobsOptions.Section))
            .Validate(o => o.WorkerCount is > 0 and <= 100, "Jobs:WorkerCount must be between 1 and 100.")
            .Validate(o => o.QueuePollInterval >= TimeSpan.FromMilliseconds(100), "Jobs:QueuePollInterval must be at least 00:00:00.100.")
            .Validate(o => o.SchedulePollingInterval >= TimeSpan.FromMilliseconds(100), "Jobs:SchedulePollingInterval must be at least 00:00:00.100.")
            .Validate(o => o.InvisibilityTimeout >= TimeSpan.FromMinutes(1), "Jobs:InvisibilityTimeout must be at least 00:01:00.")
            .ValidateOnStart();

        // One storage instance per host, registered in DI: Hangfire's own registration hands out the static
        // JobStorage.Current, which hosts built side by side in one process (the tests) would share by accident.
        services.AddSingleton(sp => new HostJobStorage(new PostgreSqlStorage(
            new DataSourceConnectionFactory(sp.GetRequiredService<NpgsqlDataSource>),
            new PostgreSqlStorageOptions
            {
                SchemaName = MigrationRunner.HangfireSchema,
                PrepareSchemaIfNecessary = false,
                EnableLongPolling = sp.GetRequiredService<IOptions<JobsOptions>>().Value.LongPolling,
                QueuePollInterval = sp.GetRequiredService<IOptions<JobsOptions>>().Value.QueuePollInterval,
                UseSlidingInvisibilityTimeout = true,
                InvisibilityTimeout = sp.GetRequiredService<IOptions<JobsOptions>>().Value.InvisibilityTimeout,
                // Also how long a lock left by a killed host blocks others: keep it short.
                DistributedLockTimeout = TimeSpan.FromSeconds(15),
                // Stale locks (a host killed while holding one) are deleted by Hangfire's maintenance pass, which
                // waits this long between runs: the default hour would stall the recurring sweeps after a crash.
                JobExpirationCheckInterval = TimeSpan.FromSeconds(30),
            })));
        services.AddHangfire((sp, config) => config
            .UseLogProvider(new DisposalTolerantLogProvider(sp.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(sp.GetRequiredService<HostJobStorage>().Storage));
        // Registered after AddHangfire, so this is the JobStorage that the server, the clients and the dashboard resolve.
        services.AddSingleton<JobStorage>(sp => sp.GetRequiredService<HostJobStorage>().Storage);

        services.AddHostedService<HangfireServerService>();
        // One switch for the background work of a host: without a job server it runs no outbox dispatcher either.
        services.AddOptions<NotificationsOptions>().PostConfigure<IOptions<JobsOptions>>((notifications, jobs) =>
            notifications.Dispatch &= jobs.Value.RunServer);
        return services;
    }

    public static IEndpointRouteBuilder MapCaseFlowJobsDashboard(this IEndpointRouteBuilder app)
    {
        // The dashboard can delete and requeue jobs: admins only, whatever address they come from.
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new AdminOnlyDashboardFilter()],
            DashboardTitle = "CaseFlow — jobs",
        }).RequireAuthorization(Roles.Admin);
        return app;
    }
}
