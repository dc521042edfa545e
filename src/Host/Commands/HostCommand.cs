using CaseFlow.Workflows;
using CaseFlow.Workflows.Definitions;
using Microsoft.Extensions.Options;

namespace CaseFlow.Host.Commands;

/// <summary>
/// One-shot commands run with the host's configuration instead of serving:
/// <c>dotnet run --project src/Host -- export-definitions [folder]</c>.
/// </summary>
public sealed record HostCommand(string Name, string[] Arguments)
{
    public const string ExportDefinitions = "export-definitions";

    /// <summary>Splits the command off the arguments, so configuration never reads a folder path as a setting.</summary>
    public static (HostCommand? Command, string[] HostArguments) Parse(string[] args) =>
        args is [ExportDefinitions, .. var rest]
            ? (new HostCommand(ExportDefinitions, [.. rest.TakeWhile(a => !a.StartsWith('-'))]), [.. rest.SkipWhile(a => !a.StartsWith('-'))])
            : (null, args);

    /// <returns>The process exit code.</returns>
    public async Task<int> RunAsync(WebApplication app)
    {
        var folder = Arguments.FirstOrDefault() is { } given
            ? Path.GetFullPath(given)
            : DefaultFolder(app.Services.GetRequiredService<IOptions<WorkflowsOptions>>().Value, app.Environment.ContentRootPath);
        var exported = await app.Services.GetRequiredService<DefinitionExporter>().ExportAsync(folder, CancellationToken.None);
        foreach (var file in exported)
        {
            Console.WriteLine($"{file.DefinitionId} v{file.Version} -> {file.Path}");
        }

        Console.WriteLine($"Exported {exported.Count} published definition(s) to {folder}");
        return 0;
    }

    /// <summary>The folder the host loads at start-up, or <c>workflow-definitions/</c> beside the solution.</summary>
    private static string DefaultFolder(WorkflowsOptions options, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(options.DefinitionsPath))
        {
            return Path.GetFullPath(options.DefinitionsPath, contentRoot);
        }

        for (var directory = new DirectoryInfo(contentRoot); directory is not null; directory = directory.Parent)
        {
            if (Directory.Exists(Path.Combine(directory.FullName, "workflow-definitions")) || File.Exists(Path.Combine(directory.FullName, "CaseFlow.sln")))
            {
                return Path.Combine(directory.FullName, "workflow-definitions");
            }
        }

        return Path.Combine(contentRoot, "workflow-definitions");
    }
}
