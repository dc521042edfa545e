using CaseFlow.ServiceDefaults.Access;
using CaseFlow.Tests.Cases;
using CaseFlow.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CaseFlow.Tests.Citizens;

/// <summary>
/// The in-process host with the development OpenID Connect provider on. The citizen sign-in's back channel (discovery,
/// keys, token) goes to the same in-memory server the test's client talks to, as it goes to the host's own address on Kestrel.
/// </summary>
public sealed class CitizenDeskFixture : IAsyncLifetime
{
    private CaseFlowApp? app;

    public CaseFlowApp App => app ?? throw new InvalidOperationException("The fixture has not started.");

    public CaseDesk Desk { get; private set; } = null!;

    public static Dictionary<string, string?> Settings => new()
    {
        ["DevIdentity:Enabled"] = "true",
        ["DevIdentity:AllowOutsideDevelopment"] = "true",
        // The in-memory server has no address of its own: the provider is where the test's client reaches the host.
        ["CitizenSignIn:Authority"] = "http://localhost/dev-identity",
        ["CitizenSignIn:RequireHttpsMetadata"] = "false",
    };

    public async Task InitializeAsync()
    {
        app = new CaseFlowApp(await TestCluster.CreateDatabaseAsync(), Settings)
        {
            ConfigureServices = services => services.AddOptions<OpenIdConnectOptions>(CitizenIdentity.ProviderScheme)
                .Configure<IServer>((options, server) => options.Backchannel = new HttpClient(((TestServer)server).CreateHandler())),
        };
        _ = app.Server;
        Desk = new CaseDesk(app);
        await Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}
