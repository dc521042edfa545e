using System.Text.Json.Nodes;
using CaseFlow.Tests.Infrastructure;
using CaseFlow.Tests.Workflows;
using CaseFlow.Workflows.Definitions;
using Microsoft.Extensions.DependencyInjection;

namespace CaseFlow.Tests.Studio;

/// <summary><c>CaseFlow.Host export-definitions [folder]</c>: what designers published goes back to files for git.</summary>
public class ExportDefinitionsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private DefinitionStore Store => fixture.App.Services.GetRequiredService<DefinitionStore>();

    private static JsonObject Procedure(string id, string text) => Def.Flowchart(id,
        [Def.Start(), Def.Activity("scrivi", "Elsa.WriteLine", ("text", Def.Literal(text))), Def.End()],
        [("start", "Done", "scrivi"), ("scrivi", "Done", "end")]);

    [Fact]
    public async Task The_command_writes_each_published_version_as_pretty_json_that_loads_back_unchanged()
    {
        await Store.SaveAsync(Procedure("export-pubblicato", "Pratica ricevuta: è tutto in regola"), publish: true, "test", CancellationToken.None);
        await Store.SaveAsync(Procedure("export-pubblicato", "bozza successiva, non pubblicata"), publish: false, "test", CancellationToken.None);
        await Store.SaveAsync(Procedure("export-solo-bozza", "mai pubblicato"), publish: false, "test", CancellationToken.None);
        var folder = Directory.CreateTempSubdirectory("caseflow-export-").FullName;
        // A definition already kept under another file name is written over that file, not duplicated.
        var kept = Path.Combine(folder, "procedimento-storico.json");
        await File.WriteAllTextAsync(kept, """{"definitionId": "export-pubblicato", "version": 1}""");
        await File.WriteAllTextAsync(Path.Combine(folder, "README.txt"), "not a definition");

        await using var command = HostProcess.Start(
            new Dictionary<string, string?> { ["ConnectionStrings__CaseFlow"] = fixture.ConnectionString },
            "export-definitions", folder);
        var exitCode = await command.WaitForExitAsync(TimeSpan.FromSeconds(90));

        Assert.True(exitCode == 0, command.Output);
        Assert.Contains($"export-pubblicato v1 -> {kept}", command.Output);
        var files = Directory.GetFiles(folder, "*.json").Select(Path.GetFileName).ToList();
        Assert.Contains("procedimento-storico.json", files);
        Assert.DoesNotContain("export-pubblicato.json", files);
        Assert.DoesNotContain("export-solo-bozza.json", files);
        var text = await File.ReadAllTextAsync(kept);
        Assert.Contains("\n  \"definitionId\": \"export-pubblicato\"", text);
        Assert.Contains("è tutto in regola", text);
        Assert.DoesNotContain("bozza successiva", text);
        var model = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(1, model["version"]!.GetValue<int>());
        Assert.True(model["isPublished"]!.GetValue<bool>());
        Assert.Null(model["isLatest"]);
        Assert.Equal("unchanged", await Store.ImportFileAsync(model, "procedimento-storico.json", CancellationToken.None));
    }

    [Fact]
    public async Task A_new_definition_gets_a_file_named_after_its_definition_id()
    {
        await Store.SaveAsync(Procedure("export-nuovo", "nuovo"), publish: true, "test", CancellationToken.None);
        var folder = Directory.CreateTempSubdirectory("caseflow-export-").FullName;

        var exported = await fixture.App.Services.GetRequiredService<DefinitionExporter>().ExportAsync(folder, CancellationToken.None);

        var file = Assert.Single(exported, f => f.DefinitionId == "export-nuovo");
        Assert.Equal(Path.Combine(folder, "export-nuovo.json"), file.Path);
        Assert.EndsWith("}\n", await File.ReadAllTextAsync(file.Path));
    }
}
