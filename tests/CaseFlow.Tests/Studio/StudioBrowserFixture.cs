using System.Net.Http.Headers;
using CaseFlow.Host.Auth;
using CaseFlow.Tests.Infrastructure;

namespace CaseFlow.Tests.Studio;

/// <summary>The compiled host as a real process (a browser needs a real socket) on a fresh database, with one procedure and one designer.</summary>
public sealed class StudioBrowserFixture : IAsyncLifetime
{
    public const string DesignerName = "progettista";
    public const string DesignerPassword = "disegna-procedimenti";
    public const string DefinitionId = "studio-prova";
    private const string AdminKey = "studio-browser-admin-key";

    private HostProcess? host;
    private string? definitionsFolder;

    public HostProcess Host => host ?? throw new InvalidOperationException("The fixture has not started.");

    public Uri BaseAddress => Host.BaseAddress;

    public HttpClient AdminClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", AdminKey);
        return client;
    }

    public async Task InitializeAsync()
    {
        definitionsFolder = Directory.CreateTempSubdirectory("caseflow-studio-defs-").FullName;
        await File.WriteAllTextAsync(Path.Combine(definitionsFolder, $"{DefinitionId}.json"), Procedure);
        // A shipped procedure too, exactly as it is in git: the Studio must draw what CaseFlow runs.
        File.Copy(Path.Combine(ShippedDefinitions, "cambio-residenza.json"), Path.Combine(definitionsFolder, "cambio-residenza.json"));
        host = HostProcess.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings__CaseFlow"] = await TestCluster.CreateDatabaseAsync(),
            ["Auth__BootstrapAdminApiKey"] = AdminKey,
            ["Auth__Users__0__UserName"] = DesignerName,
            ["Auth__Users__0__DisplayName"] = "Giulia Bianchi",
            ["Auth__Users__0__PasswordHash"] = PasswordHasher.Hash(DesignerPassword),
            ["Auth__Users__0__Roles__0"] = "designer",
            ["Workflows__DefinitionsPath"] = definitionsFolder,
            ["Jobs__WorkerCount"] = "1",
        });
        await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
    }

    public static string ShippedDefinitions =>
        CaseFlow.Workflows.Definitions.DefinitionFileLoader.ResolveFolder("", AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("workflow-definitions/ not found above the test output.");

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        if (definitionsFolder is not null)
        {
            Directory.Delete(definitionsFolder, recursive: true);
        }
    }

    // Start → "Protocollo" (a WriteLine), published, laid out left to right as the Studio saves positions.
    private const string Procedure = """
        {
          "definitionId": "studio-prova",
          "name": "Prova dello Studio",
          "description": "Procedimento di prova per il designer",
          "version": 1,
          "isPublished": true,
          "toolVersion": "3.8.0",
          "variables": [], "inputs": [], "outputs": [], "outcomes": [], "customProperties": {},
          "options": { "usableAsActivity": false },
          "root": {
            "type": "Elsa.Flowchart", "version": 1, "id": "flowchart1", "nodeId": "Workflow1:flowchart1", "name": "Flowchart1",
            "metadata": {}, "customProperties": {},
            "activities": [
              { "id": "avvio", "nodeId": "Workflow1:flowchart1:avvio", "name": "Avvio", "type": "Elsa.Start", "version": 1, "customProperties": {},
                "metadata": { "designer": { "position": { "x": 100, "y": 200 }, "size": { "width": 120, "height": 50 } } } },
              { "id": "protocollo", "nodeId": "Workflow1:flowchart1:protocollo", "name": "Protocollo", "type": "Elsa.WriteLine", "version": 1, "customProperties": {},
                "text": { "typeName": "String", "expression": { "type": "Literal", "value": "Domanda protocollata" }, "memoryReference": null },
                "metadata": { "designer": { "position": { "x": 350, "y": 200 }, "size": { "width": 180, "height": 50 } } } }
            ],
            "connections": [
              { "source": { "activity": "avvio", "port": "Done" }, "target": { "activity": "protocollo", "port": "In" }, "vertices": [] }
            ]
          }
        }
        """;
}
