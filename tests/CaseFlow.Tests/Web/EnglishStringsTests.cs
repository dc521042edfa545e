using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace CaseFlow.Tests.Web;

/// <summary>
/// The pages look their words up with <c>T["Italian text"]</c> and a key with no entry in
/// <c>src/Web/Resources/Strings.en.resx</c> shows Italian in English mode, so every literal key the pages use must have
/// one, and every English text must keep its key's <c>{n}</c> placeholders. Resource names are case-insensitive when
/// the resx is compiled (a second «Protocollo»/«protocollo» is dropped with warning MSB3568) while the lookup is
/// case-sensitive, so two keys that differ only in case cannot both have English.
/// </summary>
public class EnglishStringsTests
{
    private const string Literal = "\"((?:[^\"\\\\]|\\\\.)*)\"";

    /// <summary><c>T["key"]</c> and <c>T["key", args]</c>.</summary>
    private static readonly Regex Key = new(@"\bT\[\s*" + Literal, RegexOptions.CultureInvariant);

    /// <summary><c>T[condition ? "key" : "other key"]</c>: both literals are keys.</summary>
    private static readonly Regex ConditionalKey = new(@"\bT\[(?:[^\[\]""]|" + Literal + @")*?\?\s*" + Literal + @"\s*:\s*" + Literal, RegexOptions.CultureInvariant);

    private static readonly Regex Placeholder = new(@"\{(\d+)(?:[,:][^}]*)?\}", RegexOptions.CultureInvariant);

    [Fact]
    public void Every_key_the_pages_use_has_an_English_entry()
    {
        // What the compiled resources hold: the first of the names that differ only in case.
        var compiled = EnglishEntries().DistinctBy(entry => entry.Key, StringComparer.OrdinalIgnoreCase)
            .Select(entry => entry.Key).ToHashSet(StringComparer.Ordinal);
        var missing = UsedKeys()
            .Where(used => !compiled.Contains(used.Key))
            .OrderBy(used => used.Key, StringComparer.Ordinal)
            .Select(used => $"  \"{used.Key}\" ({string.Join(", ", used.Value.Order(StringComparer.Ordinal))})")
            .ToList();

        Assert.True(missing.Count == 0,
            $"{missing.Count} key(s) used in src/Web have no entry in Resources/Strings.en.resx:{Environment.NewLine}{string.Join(Environment.NewLine, missing)}");
    }

    [Fact]
    public void No_two_English_entries_differ_only_in_case()
    {
        var duplicates = EnglishEntries()
            .GroupBy(entry => entry.Key, StringComparer.OrdinalIgnoreCase)
            .Where(group => group.Count() > 1)
            .Select(group => $"  {string.Join(" / ", group.Select(entry => $"\"{entry.Key}\""))}")
            .ToList();

        Assert.True(duplicates.Count == 0,
            $"{duplicates.Count} name(s) in Resources/Strings.en.resx are given more than once (resource names ignore case; the later ones are dropped):{Environment.NewLine}{string.Join(Environment.NewLine, duplicates)}");
    }

    [Fact]
    public void Every_English_entry_keeps_its_key_s_placeholders()
    {
        var mismatched = EnglishEntries()
            .Where(entry => !Placeholders(entry.Key).SetEquals(Placeholders(entry.Value)))
            .Select(entry => $"  \"{entry.Key}\" => \"{entry.Value}\"")
            .ToList();

        Assert.True(mismatched.Count == 0,
            $"{mismatched.Count} English entr(ies) do not keep their key's {{n}} placeholders:{Environment.NewLine}{string.Join(Environment.NewLine, mismatched)}");
    }

    [Fact]
    public void The_scan_finds_the_pages_keys()
    {
        var used = UsedKeys();

        // A guard against a scan that silently finds nothing (a moved folder, a broken pattern).
        Assert.Contains("Sportello polifunzionale", used.Keys);
        Assert.Contains("Aggiorna l'elenco", used.Keys);
        Assert.Contains("Hai preso in carico l'attività.", used.Keys);
        Assert.True(used.Count > 300, $"only {used.Count} keys found in src/Web");
    }

    private static HashSet<string> Placeholders(string text) =>
        [.. Placeholder.Matches(text).Select(match => match.Groups[1].Value)];

    /// <summary>Every literal key in src/Web's .razor and .cs files, with the files that use it.</summary>
    private static Dictionary<string, HashSet<string>> UsedKeys()
    {
        var web = Path.Combine(RepositoryRoot(), "src", "Web");
        var keys = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var files = Directory.EnumerateFiles(web, "*.razor", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(web, "*.cs", SearchOption.AllDirectories));
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(web, file).Replace('\\', '/');
            var top = relative.Split('/')[0];
            if (top is "bin" or "obj")
            {
                continue;
            }

            var source = File.ReadAllText(file);
            var literals = Key.Matches(source).Select(match => match.Groups[1].Value)
                .Concat(ConditionalKey.Matches(source).SelectMany(match => new[] { match.Groups[2].Value, match.Groups[3].Value }));
            foreach (var literal in literals)
            {
                var key = Unescape(literal);
                if (!keys.TryGetValue(key, out var where))
                {
                    keys[key] = where = [];
                }

                where.Add(relative);
            }
        }

        return keys;
    }

    /// <summary>A regular C# string literal's text: <c>\"</c>, <c>\\</c> and the like.</summary>
    private static string Unescape(string literal)
    {
        var text = new StringBuilder(literal.Length);
        for (var i = 0; i < literal.Length; i++)
        {
            if (literal[i] != '\\' || i == literal.Length - 1)
            {
                text.Append(literal[i]);
                continue;
            }

            var next = literal[++i];
            text.Append(next switch
            {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                '0' => '\0',
                _ => next,
            });
        }

        return text.ToString();
    }

    /// <summary>The resx's entries in file order, key and English; the XML reader undoes &amp;amp;, &amp;quot;, &amp;#x27; and the rest.</summary>
    private static List<KeyValuePair<string, string>> EnglishEntries()
    {
        var resx = XDocument.Load(Path.Combine(RepositoryRoot(), "src", "Web", "Resources", "Strings.en.resx"));
        return [.. resx.Root!.Elements("data").Select(data => KeyValuePair.Create((string)data.Attribute("name")!, (string?)data.Element("value") ?? ""))];
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "CaseFlow.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException($"CaseFlow.sln not found above {AppContext.BaseDirectory}");
    }
}
