using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CaseFlow.Host.Auth;
using CaseFlow.Tests.Cases;
using CaseFlow.Tests.Infrastructure;

namespace CaseFlow.Tests.Web;

/// <summary>
/// The compiled host as a real process on a fresh database, with the shipped procedures, one person per role (and one
/// with two roles, and the officers of the ASST's commission and the Polizia Locale), and one case waiting in the Anagrafe's queue.
/// </summary>
public sealed class WebBrowserFixture : IAsyncLifetime
{
    public const string Password = "password-di-prova";
    private const string AdminKey = "web-browser-admin-key";

    private HostProcess? host;

    public HostProcess Host => host ?? throw new InvalidOperationException("The fixture has not started.");

    public Uri BaseAddress => Host.BaseAddress;

    public string ResidenceProtocol { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings__CaseFlow"] = await TestCluster.CreateDatabaseAsync(),
            ["Auth__BootstrapAdminApiKey"] = AdminKey,
            ["Jobs__WorkerCount"] = "1",
        };
        var hash = PasswordHasher.Hash(Password);
        (string Name, string Display, string[] Roles, string[] Offices)[] people =
        [
            ("sportello", "Anna Sportelli", ["frontdesk"], []),
            ("anagrafe", "Marco Brambilla", ["officer"], ["comune-anagrafe"]),
            ("supervisore", "Elena Verdi", ["supervisor"], []),
            ("responsabile", "Paolo Neri", ["frontdesk", "supervisor"], []),
            // The demo officers of the two agencies' offices a desk bundle reaches (ASST's commission, the Polizia Locale).
            ("asl", "Dott.ssa Anna Ferri", ["officer"], ["asl-commissione"]),
            ("vigile", "Marco Sala", ["officer"], ["comune-polizia-locale"]),
        ];
        for (var i = 0; i < people.Length; i++)
        {
            var (name, display, roles, offices) = people[i];
            settings[$"Auth__Users__{i}__UserName"] = name;
            settings[$"Auth__Users__{i}__DisplayName"] = display;
            settings[$"Auth__Users__{i}__PasswordHash"] = hash;
            for (var r = 0; r < roles.Length; r++)
            {
                settings[$"Auth__Users__{i}__Roles__{r}"] = roles[r];
            }

            for (var o = 0; o < offices.Length; o++)
            {
                settings[$"Auth__Users__{i}__Offices__{o}"] = offices[o];
            }
        }

        host = HostProcess.Start(settings);
        await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));

        using var admin = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", AdminKey);
        var started = await admin.PostAsJsonAsync("/api/cases", CaseDesk.Application("cambio-residenza"));
        Assert.True(started.StatusCode == HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        ResidenceProtocol = (await started.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["protocolNumber"]!.GetValue<string>();
    }

    /// <summary>An API client with the bootstrap admin key, for a test to set a case up the pages then show.</summary>
    public HttpClient CreateAdminClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", AdminKey);
        return client;
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WebBrowserCollection
{
    public const string Name = "Operators' pages in Chromium";
}
