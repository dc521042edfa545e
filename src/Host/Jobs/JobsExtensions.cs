using CaseFlow.Host.Database;
using Hangfire;
using Hangfire.PostgreSql;
using Npgsql;

namespace CaseFlow.Host.Jobs;

public static class JobsExtensions
{
    /// <summary>Hangfire on PostgreSQL (schema <c>hangfire</c>, installed by the migrator) and a server in this host.</summary>
    public static IServiceCollection AddCaseFlowJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        services.AddOptions<JobsOptions>().Bind(configuration.GetSection(JobsOptions.Section))
            .Validate(o => o.WorkerCount is > 0 and <= 100, "Jobs:WorkerCount must be between 1 and 100.")
            .ValidateOnStart();

        // One storage per host, registered before AddHangfire so that its TryAdd keeps it: Hangfire's default hands every
        // host the static JobStorage.Current, and with several hosts in one process (the tests) a host would then enqueue
        // into, and run its server on, another host's database.
        services.AddSingleton<JobStorage>(sp => new PostgreSqlStorage(
            new DataSourceConnectionFactory(sp.GetRequiredService<NpgsqlDataSource>),
            new PostgreSqlStorageOptions
            {
                SchemaName = MigrationRunner.HangfireSchema,
                PrepareSchemaIfNecessary = false,
                QueuePollInterval = TimeSpan.FromSeconds(1),
                DistributedLockTimeout = TimeSpan.FromMinutes(1),
            }));

        services.AddHangfire((sp, config) => config
            .UseLogProvider(new DisposalTolerantLogProvider(sp.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(sp.GetRequiredService<JobStorage>()));

        if (options.RunServer)
        {
            services.AddHangfireServer((sp, server) =>
            {
                server.WorkerCount = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<JobsOptions>>().Value.WorkerCount;
                server.SchedulePollingInterval = TimeSpan.FromSeconds(1);
                // This host's services, not the static JobActivator.Current of whichever host configured Hangfire last.
                server.Activator = new Hangfire.AspNetCore.AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>());
                server.ServerName = $"caseflow-{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";
            });
        }

        return services;
    }

    public static IEndpointRouteBuilder MapCaseFlowJobsDashboard(this IEndpointRouteBuilder app)
    {
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new LoopbackOnlyDashboardFilter()],
            DashboardTitle = "CaseFlow — jobs",
        });
        return app;
    }
}
