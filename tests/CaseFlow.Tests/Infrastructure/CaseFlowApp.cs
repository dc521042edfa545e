using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CaseFlow.Tests.Infrastructure;

/// <summary>The real CaseFlow host, in process, bound to one test database.</summary>
public class CaseFlowApp(string connectionString, IDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key";

    public string ConnectionString { get; } = connectionString;

    /// <summary>Services to replace (a fake clock, say) after the host's own registrations.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:CaseFlow", ConnectionString);
        builder.UseSetting("Auth:BootstrapAdminApiKey", AdminKey);
        builder.UseSetting("Jobs:WorkerCount", "2");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        if (ConfigureServices is not null)
        {
            builder.ConfigureServices(ConfigureServices);
        }
    }

    public HttpClient CreateClient(string apiKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", apiKey);
        return client;
    }

    public HttpClient CreateAdminClient() => CreateClient(AdminKey);
}
