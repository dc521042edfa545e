namespace CaseFlow.Tests.Infrastructure;

/// <summary>A fresh migrated database and a host on it, shared by the tests of one class.</summary>
public class AppFixture : IAsyncLifetime
{
    private CaseFlowApp? app;

    public CaseFlowApp App => app ?? throw new InvalidOperationException("The fixture has not started.");

    public string ConnectionString => App.ConnectionString;

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        app = new CaseFlowApp(await TestCluster.CreateDatabaseAsync(), Settings);
        _ = app.Server; // start the host now, so that start-up failures surface here
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}
