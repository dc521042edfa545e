using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PdfSharp.Fonts;

namespace CaseFlow.Cases.Receipts;

/// <summary>
/// The receipt's typeface. PDFsharp 6 finds no system fonts on Linux, so the files are named here: Titillium Web (the
/// Italian PA typeface, SIL OFL) from the Bootstrap Italia npm package the web pages already install — a published
/// host carries it under <c>Web/bootstrap-italia/fonts</c> — else DejaVu Sans (Debian's fonts-dejavu-core), else the
/// folder set in <c>Cases:ReceiptFontsFolder</c> (first choice when set).
/// </summary>
public sealed class ReceiptFonts
{
    public const string Family = "CaseFlow Receipt";
    private const string TitilliumFolder = "fonts/Titillium_Web";
    private const string TitilliumRegular = "titillium-web-v10-latin-ext_latin-regular.ttf";
    private const string TitilliumBold = "titillium-web-v10-latin-ext_latin-700.ttf";
    private static readonly Lock InstallLock = new();

    public ReceiptFonts(IOptions<CasesOptions> options, IHostEnvironment environment)
    {
        (Regular, Bold, Name) = Resolve(options.Value.ReceiptFontsFolder, environment.ContentRootPath);
    }

    /// <summary>The regular face's file; null when no font was found.</summary>
    public string? Regular { get; }

    public string? Bold { get; }

    /// <summary>Which typeface the receipts use ("Titillium Web", "DejaVu Sans", or the configured folder).</summary>
    public string Name { get; }

    /// <summary>
    /// Installs the resolver once per process (PDFsharp's setting is global and cannot change after first use). Every
    /// host of a process resolves the same files, so the first one's choice stands.
    /// </summary>
    internal void Install()
    {
        if (Regular is null || Bold is null)
        {
            throw new InvalidOperationException(
                "No font for the receipt PDF: install Bootstrap Italia (npm ci in src/Web/Assets) or fonts-dejavu-core, or set Cases:ReceiptFontsFolder " +
                "to a folder with a regular and a bold .ttf.");
        }

        lock (InstallLock)
        {
            GlobalFontSettings.FontResolver ??= new FileFontResolver(File.ReadAllBytes(Regular), File.ReadAllBytes(Bold));
        }
    }

    public static (string? Regular, string? Bold, string Name) Resolve(string? configured, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var folder = Path.GetFullPath(configured, contentRoot);
            var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.ttf").Order(StringComparer.Ordinal).ToArray() : [];
            var bold = files.FirstOrDefault(f => Path.GetFileName(f).Contains("bold", StringComparison.OrdinalIgnoreCase) || f.EndsWith("-700.ttf", StringComparison.Ordinal));
            var regular = files.FirstOrDefault(f => f != bold && (f.Contains("regular", StringComparison.OrdinalIgnoreCase) || !f.Contains('-')))
                          ?? files.FirstOrDefault(f => f != bold);
            return regular is null || bold is null ? (null, null, folder) : (regular, bold, folder);
        }

        var candidates = new List<string> { Path.Combine(contentRoot, "Web", "bootstrap-italia", TitilliumFolder) };
        for (var directory = new DirectoryInfo(contentRoot); directory is not null; directory = directory.Parent)
        {
            candidates.Add(Path.Combine(directory.FullName, "src", "Web", "Assets", "node_modules", "bootstrap-italia", "dist", TitilliumFolder));
        }

        if (candidates.FirstOrDefault(c => File.Exists(Path.Combine(c, TitilliumRegular)) && File.Exists(Path.Combine(c, TitilliumBold))) is { } titillium)
        {
            return (Path.Combine(titillium, TitilliumRegular), Path.Combine(titillium, TitilliumBold), "Titillium Web");
        }

        const string dejaVu = "/usr/share/fonts/truetype/dejavu";
        return File.Exists(Path.Combine(dejaVu, "DejaVuSans.ttf")) && File.Exists(Path.Combine(dejaVu, "DejaVuSans-Bold.ttf"))
            ? (Path.Combine(dejaVu, "DejaVuSans.ttf"), Path.Combine(dejaVu, "DejaVuSans-Bold.ttf"), "DejaVu Sans")
            : (null, null, "none");
    }

    private sealed class FileFontResolver(byte[] regularFont, byte[] boldFont) : IFontResolver
    {
        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
            new(bold ? "receipt-bold" : "receipt-regular");

        public byte[]? GetFont(string faceName) => faceName == "receipt-bold" ? boldFont : regularFont;
    }
}
