using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace CaseFlow.Host.Studio;

/// <summary>Where the installed Elsa Studio bundle lives, found once at start-up.</summary>
public sealed class StudioBundle
{
    public const string PackageFolder = "node_modules/@elsa-workflows/elsa-studio-wasm";

    public StudioBundle(IOptions<StudioOptions> options, IHostEnvironment environment, ILogger<StudioBundle> logger)
    {
        Root = Resolve(options.Value.BundlePath, environment.ContentRootPath);
        if (Root is null)
        {
            logger.LogWarning("Elsa Studio bundle not found: /studio is unavailable. Run 'npm ci' in src/Host/Studio or set {Setting}", "Studio:BundlePath");
        }

        Files = Root is null ? new NullFileProvider() : new PhysicalFileProvider(Root);
    }

    /// <summary>The bundle's folder, or null when it is not installed.</summary>
    public string? Root { get; }

    public IFileProvider Files { get; }

    public static string? Resolve(string configured, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var path = Path.GetFullPath(configured, contentRoot);
            return IsBundle(path) ? path : null;
        }

        var candidates = new List<string> { Path.Combine(contentRoot, "Studio", PackageFolder) };
        for (var directory = new DirectoryInfo(contentRoot); directory is not null; directory = directory.Parent)
        {
            candidates.Add(Path.Combine(directory.FullName, "src", "Host", "Studio", PackageFolder));
        }

        return candidates.FirstOrDefault(IsBundle);
    }

    private static bool IsBundle(string path) => File.Exists(Path.Combine(path, "_framework", "blazor.webassembly.js"));
}
