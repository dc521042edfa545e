using System.Text.Json;
using System.Text.Json.Nodes;
using CaseFlow.ServiceDefaults.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CaseFlow.Workflows.Definitions;

/// <summary>
/// Loads <c>workflow-definitions/*.json</c> — the source of truth kept in git — into PostgreSQL at start-up.
/// A file that does not parse or validate stops the host with the file name and the activity at fault.
/// </summary>
internal sealed class DefinitionFileLoader(DefinitionStore store, IOptions<WorkflowsOptions> options, IHostEnvironment environment, ILogger<DefinitionFileLoader> logger)
    : StartupTask
{
    public override async Task StartingAsync(CancellationToken cancellationToken)
    {
        var folder = ResolveFolder(options.Value.DefinitionsPath, environment.ContentRootPath);
        if (folder is null)
        {
            logger.LogWarning("No workflow-definitions folder found; set {Setting}", "Workflows:DefinitionsPath");
            return;
        }

        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            JsonObject model;
            try
            {
                model = JsonNode.Parse(await File.ReadAllTextAsync(file, cancellationToken))?.AsObject()
                        ?? throw new StartupException($"Workflow definition file {name} is empty.");
            }
            catch (JsonException ex)
            {
                throw new StartupException($"Workflow definition file {name} is not valid JSON: {ex.Message}", ex);
            }

            try
            {
                var outcome = await store.ImportFileAsync(model, name, cancellationToken);
                logger.LogInformation("Workflow definition file {File}: {Outcome}", name, outcome);
            }
            catch (DefinitionValidationException ex)
            {
                throw new StartupException($"Workflow definition file {ex.Message}", ex);
            }
            catch (DefinitionConflictException ex)
            {
                throw new StartupException($"Workflow definition file {name}: {ex.Message}", ex);
            }
        }
    }

    public static string? ResolveFolder(string configured, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var path = Path.GetFullPath(configured, contentRoot);
            return Directory.Exists(path) ? path : throw new StartupException($"Workflows:DefinitionsPath '{path}' does not exist.");
        }

        for (var directory = new DirectoryInfo(contentRoot); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "workflow-definitions");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
