using Npgsql;

namespace CaseFlow.Host.Database;

public static class DatabaseExtensions
{
    /// <summary>PostgreSQL as the one store: the data source, the private cluster fallback and start-up migrations.</summary>
    public static IServiceCollection AddCaseFlowDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.LocalClusterPath), "Database:LocalClusterPath must name a folder.")
            .ValidateOnStart();
        services.AddSingleton<CaseFlowDatabase>();
        services.AddSingleton<NpgsqlDataSource>(sp => sp.GetRequiredService<CaseFlowDatabase>().DataSource);
        // Registered first so that it runs before every other hosted service.
        services.AddHostedService<DatabaseStartup>();
        return services;
    }
}
