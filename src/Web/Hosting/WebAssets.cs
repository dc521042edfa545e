using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CaseFlow.Web.Hosting;

/// <summary>
/// Bootstrap Italia's CSS, fonts and icons from the installed npm package, and CaseFlow's own stylesheet, all from
/// this host: the pages work in a closed network, never a CDN.
/// </summary>
public sealed class WebAssets
{
    public const string BootstrapItaliaPath = "/assets/bootstrap-italia";
    public const string OwnPath = "/assets/caseflow";
    public const string PackageFolder = "node_modules/bootstrap-italia/dist";

    public WebAssets(IOptions<WebOptions> options, IHostEnvironment environment, ILogger<WebAssets> logger)
    {
        Root = Resolve(options.Value.BootstrapItaliaPath, environment.ContentRootPath);
        if (Root is null)
        {
            logger.LogWarning("Bootstrap Italia not found: the pages are unstyled. Run 'npm ci' in src/Web/Assets or set {Setting}", "Web:BootstrapItaliaPath");
        }

        BootstrapItalia = Root is null ? new NullFileProvider() : new PhysicalFileProvider(Root);
        BootstrapItaliaVersion = Root is null ? "none" : PackageVersion(Root);
    }

    /// <summary>The installed package's version, for the stylesheet links' <c>?v=</c>.</summary>
    public string BootstrapItaliaVersion { get; }

    /// <summary>Changes with every build of this assembly, for our own stylesheet's <c>?v=</c>.</summary>
    public string OwnVersion { get; } = typeof(WebAssets).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..8];

    /// <summary>The package's <c>dist</c> folder, or null when it is not installed.</summary>
    public string? Root { get; }

    public IFileProvider BootstrapItalia { get; }

    public IFileProvider Own { get; } = new EmbeddedFileProvider(typeof(WebAssets).Assembly, "CaseFlow.Web.Assets");

    public static string? Resolve(string configured, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var path = Path.GetFullPath(configured, contentRoot);
            return IsPackage(path) ? path : null;
        }

        var candidates = new List<string> { Path.Combine(contentRoot, "Web", "bootstrap-italia") };
        for (var directory = new DirectoryInfo(contentRoot); directory is not null; directory = directory.Parent)
        {
            candidates.Add(Path.Combine(directory.FullName, "src", "Web", "Assets", PackageFolder));
        }

        return candidates.FirstOrDefault(IsPackage);
    }

    private static string PackageVersion(string root)
    {
        // The npm folder has package.json above dist; a published copy has none, and the build's own stamp suffices.
        var manifest = Path.Combine(root, "..", "package.json");
        if (!File.Exists(manifest))
        {
            return typeof(WebAssets).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..8];
        }

        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(manifest));
        return json.RootElement.TryGetProperty("version", out var version) ? version.GetString() ?? "0" : "0";
    }

    private static bool IsPackage(string path) => File.Exists(Path.Combine(path, "css", "bootstrap-italia.min.css"));

    internal void Serve(IApplicationBuilder app)
    {
        app.UseStaticFiles(new StaticFileOptions { RequestPath = BootstrapItaliaPath, FileProvider = BootstrapItalia, OnPrepareResponse = CacheADay });
        app.UseStaticFiles(new StaticFileOptions { RequestPath = OwnPath, FileProvider = Own, OnPrepareResponse = CacheADay });
    }

    // The links carry the package version (?v=), so a day of caching never serves an old stylesheet after an upgrade.
    private static void CacheADay(StaticFileResponseContext context) =>
        context.Context.Response.Headers[HeaderNames.CacheControl] = "public, max-age=86400";
}
