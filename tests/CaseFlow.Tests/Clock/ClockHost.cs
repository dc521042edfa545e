using CaseFlow.Tests.Cases;
using CaseFlow.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CaseFlow.Tests.Clock;

/// <summary>A fresh database and host per test, whose clock the test moves; the sweep is called directly.</summary>
public sealed class ClockHost : IAsyncDisposable
{
    /// <summary>A Monday morning in Rome.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private readonly List<CaseFlowApp> apps = [];

    private readonly IDictionary<string, string?> extraSettings;

    private ClockHost(string connectionString, IDictionary<string, string?>? extra)
    {
        ConnectionString = connectionString;
        extraSettings = extra ?? new Dictionary<string, string?>();
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public string ConnectionString { get; }

    public CaseFlowApp App => apps[0];

    public CaseDesk Desk { get; private set; } = null!;

    /// <param name="extra">Settings on top of <see cref="Settings"/> (an office without a supervisor email, say).</param>
    public static async Task<ClockHost> StartAsync(IDictionary<string, string?>? extra = null)
    {
        var host = new ClockHost(await TestCluster.CreateDatabaseAsync(), extra);
        host.Desk = new CaseDesk(host.AddApp());
        return host;
    }

    public static IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Clock:SubstituteAuthority:comune-limbiate"] = "comune-protocollo",
        ["Clock:SweepCron"] = "0 0 1 1 *", // the tests sweep themselves
    };

    /// <summary>Another host on the same database and clock.</summary>
    public CaseFlowApp AddApp()
    {
        var settings = Settings;
        foreach (var (key, value) in extraSettings)
        {
            settings[key] = value;
        }

        var app = new CaseFlowApp(ConnectionString, settings) { ConfigureServices = s => s.AddSingleton<TimeProvider>(Time) };
        _ = app.Server;
        apps.Add(app);
        return app;
    }

    public Task<int> SweepAsync(CaseFlowApp? app = null) => (app ?? App).Services.GetRequiredService<DeadlineSweeper>().SweepAsync(CancellationToken.None);

    public async Task<DateTimeOffset> DueAtAsync(string action, string kind) =>
        (await Desk.ScalarAsync<DateTime>($"SELECT due_at FROM deadlines WHERE action = @action AND kind = @kind AND fired_at IS NULL ORDER BY due_at LIMIT 1",
            ("action", action), ("kind", kind))).ToUniversalTime();

    public Task<long> OutboxAsync(string template) => Desk.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE template = @t", ("t", template));

    public async ValueTask DisposeAsync()
    {
        foreach (var app in apps)
        {
            await app.DisposeAsync();
        }
    }
}
