using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CaseFlow.Workflows.Definitions;

/// <summary>
/// Writes the published version of every definition back to <c>workflow-definitions/</c> as pretty Elsa JSON,
/// so what designers publish in the Studio can be reviewed and committed. A definition already kept in a file of
/// the folder is written over that file; a new one becomes <c>&lt;definitionId&gt;.json</c>.
/// </summary>
public sealed class DefinitionExporter(DefinitionStore store)
{
    private static readonly JsonSerializerOptions Pretty = new()
    {
        WriteIndented = true,
        // Italian names and descriptions stay readable in review (è, à, «»).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // Written by the store for its own rows: the loader recomputes them, so they only add noise to a diff.
    private static readonly string[] StoreFields = ["id", "isLatest", "createdAt", "links"];

    public sealed record ExportedFile(string DefinitionId, int Version, string Path);

    public async Task<IReadOnlyList<ExportedFile>> ExportAsync(string folder, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var existing = await ExistingFilesAsync(folder, ct);
        var exported = new List<ExportedFile>();
        foreach (var definition in await store.ListAsync(VersionOptions.Published, null, null, null, ct))
        {
            var document = (JsonObject)definition.Document.DeepClone();
            foreach (var field in StoreFields)
            {
                document.Remove(field);
            }

            document["isPublished"] = true;
            var path = existing.TryGetValue(definition.DefinitionId, out var file) ? file : Path.Combine(folder, FileName(definition.DefinitionId));
            await File.WriteAllTextAsync(path, document.ToJsonString(Pretty) + "\n", ct);
            exported.Add(new ExportedFile(definition.DefinitionId, definition.Version, path));
        }

        return exported;
    }

    /// <summary>definitionId → the file that already holds it, so an export never duplicates a definition.</summary>
    private static async Task<Dictionary<string, string>> ExistingFilesAsync(string folder, CancellationToken ct)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                if (JsonNode.Parse(await File.ReadAllTextAsync(file, ct)) is JsonObject { } model
                    && model["definitionId"] is JsonValue id && id.TryGetValue<string>(out var definitionId))
                {
                    files.TryAdd(definitionId, file);
                }
            }
            catch (JsonException)
            {
                // Not a definition file of ours: leave it alone.
            }
        }

        return files;
    }

    private static string FileName(string definitionId)
    {
        var safe = new string([.. definitionId.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-')]).Trim('.');
        return (safe.Length == 0 ? "definition" : safe) + ".json";
    }
}
