using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using CaseFlow.Cases.Intake;
using CaseFlow.Host.Auth;
using CaseFlow.Tests.Infrastructure;
using CaseFlow.Tests.Supervision;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CaseFlow.Tests.Web;

/// <summary>
/// The host in this process but on a real Kestrel port, so Chromium can reach it while the test calls the desk's
/// services in C# (the intake itself, as the front desk's pages do); a fresh database, the shipped procedures, and
/// the officers and supervisor of the back office.
/// </summary>
public sealed class OfficeBrowserFixture : IAsyncLifetime
{
    public const string Password = "password-ufficio";

    private CaseFlowApp? app;

    public CaseFlowApp App => app ?? throw new InvalidOperationException("The fixture has not started.");

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public async Task InitializeAsync()
    {
        // A declared peak period in the coming month (days 5 to 20), whenever the test runs; and one over New Year.
        var nextMonth = DateTime.UtcNow.AddMonths(1).ToString("MM", System.Globalization.CultureInfo.InvariantCulture);
        var settings = new Dictionary<string, string?>
        {
            ["Clock:PeakPeriods:comune-limbiate:0:Name"] = "Scadenze ISEE e tariffe",
            ["Clock:PeakPeriods:comune-limbiate:0:From"] = $"{nextMonth}-05",
            ["Clock:PeakPeriods:comune-limbiate:0:To"] = $"{nextMonth}-20",
            ["Clock:PeakPeriods:comune-limbiate:1:Name"] = "Fine d'anno",
            ["Clock:PeakPeriods:comune-limbiate:1:From"] = "12-15",
            ["Clock:PeakPeriods:comune-limbiate:1:To"] = "01-06",
        };
        var hash = PasswordHasher.Hash(Password);
        (string Name, string Display, string Role, string[] Offices)[] people =
        [
            ("marco", "Marco Brambilla", "officer", ["comune-anagrafe"]),
            ("luca", "Luca Galli", "officer", ["comune-protocollo", "comune-polizia-locale"]),
            ("elena", "Elena Verdi", "supervisor", []),
        ];
        for (var i = 0; i < people.Length; i++)
        {
            var (name, display, role, offices) = people[i];
            settings[$"Auth:Users:{i}:UserName"] = name;
            settings[$"Auth:Users:{i}:DisplayName"] = display;
            settings[$"Auth:Users:{i}:PasswordHash"] = hash;
            settings[$"Auth:Users:{i}:Roles:0"] = role;
            for (var o = 0; o < offices.Length; o++)
            {
                settings[$"Auth:Users:{i}:Offices:{o}"] = offices[o];
            }
        }

        var port = FreePort();
        app = new CaseFlowApp(await TestCluster.CreateDatabaseAsync(), settings);
        app.UseKestrel(port);
        app.StartServer();
        BaseAddress = new Uri($"http://localhost:{port}/");
    }

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>A case started through the desk's intake service in C#, with one document registered in the protocol.</summary>
    public async Task<StartedCase> StartAsync(string fiscalCode, params string[] procedures)
    {
        using var admin = new HttpClient { BaseAddress = BaseAddress };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", CaseFlowApp.AdminKey);
        using var form = new MultipartFormDataContent();
        var pdf = new ByteArrayContent("%PDF-1.4\n% dichiarazione di residenza\n%%EOF\n"u8.ToArray());
        pdf.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(pdf, "file", "dichiarazione-residenza.pdf");
        var uploaded = await admin.PostAsync("/api/documents", form);
        Assert.True(uploaded.StatusCode == HttpStatusCode.Created, await uploaded.Content.ReadAsStringAsync());
        var document = (await uploaded.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();

        var started = await Service<CaseIntake>().StartAsync(ServicePeople.Intake(fiscalCode, [document], procedures), CancellationToken.None);
        Assert.True(started.Succeeded, started.Problem?.Message);
        return started.Value;
    }

    public async Task<T?> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)result;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}
