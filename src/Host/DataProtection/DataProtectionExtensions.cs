using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Npgsql;

namespace CaseFlow.Host.DataProtection;

public static class DataProtectionExtensions
{
    /// <summary>One application name and one key ring in PostgreSQL for every CaseFlow host on the database.</summary>
    public static IServiceCollection AddCaseFlowDataProtection(this IServiceCollection services)
    {
        // The default discriminator is the content root, which differs between containers: the name makes them one app.
        services.AddDataProtection().SetApplicationName("CaseFlow");
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((options, sp) =>
            options.XmlRepository = new PostgresXmlRepository(() => sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddHostedService<KeyRingStartup>();
        return services;
    }
}
