using System.Text.RegularExpressions;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace CaseFlow.Host.Studio;

/// <summary>
/// Serves the Studio bundle under <c>/studio</c>, choosing the package's own <c>.br</c> or <c>.gz</c> twin of a file
/// when the browser accepts it: 66 MB of assemblies travel as ~12 MB, with no compression work at run time.
/// </summary>
public static partial class StudioStaticFiles
{
    private const string EncodingKey = "caseflow.studio.encoding";
    private const string ContentTypeKey = "caseflow.studio.content-type";

    public static FileExtensionContentTypeProvider ContentTypes { get; } = CreateContentTypes();

    public static IApplicationBuilder UseCaseFlowStudioFiles(this IApplicationBuilder app, StudioBundle bundle)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments(StudioExtensions.BasePath), studio =>
        {
            studio.Use((context, next) =>
            {
                ChoosePrecompressed(context, bundle);
                return next(context);
            });
            studio.UseStaticFiles(new StaticFileOptions
            {
                RequestPath = StudioExtensions.BasePath,
                FileProvider = bundle.Files,
                ContentTypeProvider = ContentTypes,
                OnPrepareResponse = PrepareResponse,
            });
        });
        return app;
    }

    private static void ChoosePrecompressed(HttpContext context, StudioBundle bundle)
    {
        var path = context.Request.Path.Value!;
        if (path.EndsWith(".br", StringComparison.Ordinal) || path.EndsWith(".gz", StringComparison.Ordinal)
            || !ContentTypes.TryGetContentType(path, out var contentType))
        {
            return;
        }

        var subpath = path[StudioExtensions.BasePath.Length..];
        foreach (var (encoding, extension) in new[] { ("br", ".br"), ("gzip", ".gz") })
        {
            if (Accepts(context.Request.Headers.AcceptEncoding, encoding) && bundle.Files.GetFileInfo(subpath + extension).Exists)
            {
                context.Request.Path = path + extension;
                context.Items[EncodingKey] = encoding;
                context.Items[ContentTypeKey] = contentType;
                break;
            }
        }

        if (bundle.Files.GetFileInfo(subpath + ".br").Exists || bundle.Files.GetFileInfo(subpath + ".gz").Exists)
        {
            context.Response.Headers.Vary = HeaderNames.AcceptEncoding;
        }
    }

    private static void PrepareResponse(StaticFileResponseContext file)
    {
        var response = file.Context.Response;
        if (file.Context.Items[EncodingKey] is string encoding)
        {
            response.Headers.ContentEncoding = encoding;
            response.ContentType = (string)file.Context.Items[ContentTypeKey]!;
        }

        // Fingerprinted names (dotnet.native.b6l13xorvf.js) never change content; the rest revalidates by ETag.
        response.Headers.CacheControl = Fingerprinted().IsMatch(file.File.Name)
            ? "public, max-age=31536000, immutable"
            : "no-cache";
    }

    /// <summary>True when an Accept-Encoding header admits the coding (absent, or with a q-value above zero).</summary>
    public static bool Accepts(string? acceptEncoding, string coding)
    {
        foreach (var part in (acceptEncoding ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pieces = part.Split(';', StringSplitOptions.TrimEntries);
            if (!string.Equals(pieces[0], coding, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var q = pieces.Skip(1).FirstOrDefault(p => p.StartsWith("q=", StringComparison.OrdinalIgnoreCase));
            return q is null || !double.TryParse(q[2..], System.Globalization.CultureInfo.InvariantCulture, out var value) || value > 0;
        }

        return false;
    }

    private static FileExtensionContentTypeProvider CreateContentTypes()
    {
        var provider = new FileExtensionContentTypeProvider();
        provider.Mappings[".wasm"] = "application/wasm";
        provider.Mappings[".dll"] = "application/octet-stream";
        provider.Mappings[".dat"] = "application/octet-stream";
        provider.Mappings[".blat"] = "application/octet-stream";
        provider.Mappings[".pdb"] = "application/octet-stream";
        provider.Mappings[".json"] = "application/json";
        provider.Mappings[".map"] = "application/json";
        provider.Mappings[".webmanifest"] = "application/manifest+json";
        provider.Mappings[".woff2"] = "font/woff2";
        provider.Mappings[".js"] = "text/javascript";
        provider.Mappings[".mjs"] = "text/javascript";
        // A twin requested by its own name is an opaque compressed file.
        provider.Mappings[".br"] = "application/octet-stream";
        provider.Mappings[".gz"] = "application/gzip";
        return provider;
    }

    [GeneratedRegex(@"\.[a-z0-9]{10}\.[a-z]+(\.(br|gz))?$")]
    private static partial Regex Fingerprinted();
}
