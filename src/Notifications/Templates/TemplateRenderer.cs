using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using CaseFlow.Notifications.Templates.Liquid;
using Microsoft.Extensions.Options;

namespace CaseFlow.Notifications.Templates;

/// <summary>
/// Renders <c>{template}.{language}.liquid</c> from <c>Notifications:TemplatesPath</c>. Files are re-read when they
/// change on disk, so a designer's edit takes effect without a rebuild or a restart.
/// </summary>
public sealed class TemplateRenderer(IOptions<NotificationsOptions> options)
{
    public static readonly IReadOnlyList<string> Languages = ["it", "en"];
    private readonly ConcurrentDictionary<string, (DateTime Written, MessageTemplate Template)> cache = new();

    public string TemplatesPath => string.IsNullOrWhiteSpace(options.Value.TemplatesPath)
        ? Path.Combine(AppContext.BaseDirectory, "Templates")
        : Path.GetFullPath(options.Value.TemplatesPath);

    public RenderedMessage Render(string template, string language, JsonObject model)
    {
        if (!Languages.Contains(language))
        {
            throw new ArgumentException($"Language '{language}' is not 'it' or 'en'.", nameof(language));
        }

        if (template.Length == 0 || !template.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            throw new ArgumentException($"Template name '{template}' must be lower-case letters, digits and dashes.", nameof(template));
        }

        return Load(template, language).Render(model, CultureInfo.GetCultureInfo(language == "it" ? "it-IT" : "en-GB"));
    }

    private MessageTemplate Load(string template, string language)
    {
        var path = Path.Combine(TemplatesPath, $"{template}.{language}.liquid");
        if (!File.Exists(path))
        {
            throw new LiquidException($"No template file {path}.");
        }

        var written = File.GetLastWriteTimeUtc(path);
        if (cache.TryGetValue(path, out var cached) && cached.Written == written)
        {
            return cached.Template;
        }

        var parsed = MessageTemplate.Parse(File.ReadAllText(path), Path.GetFileName(path));
        cache[path] = (written, parsed);
        return parsed;
    }
}
