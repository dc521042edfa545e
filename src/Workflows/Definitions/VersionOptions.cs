namespace CaseFlow.Workflows.Definitions;

/// <summary>Elsa's version selector: Latest, Published, LatestOrPublished, LatestAndPublished, Draft, AllVersions, or a version number.</summary>
public readonly record struct VersionOptions(string Kind, int? Version = null)
{
    public static readonly VersionOptions Latest = new("Latest");
    public static readonly VersionOptions Published = new("Published");
    public static readonly VersionOptions LatestOrPublished = new("LatestOrPublished");
    public static readonly VersionOptions AllVersions = new("AllVersions");

    public static bool TryParse(string? text, out VersionOptions options)
    {
        options = LatestOrPublished;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (int.TryParse(text, out var number))
        {
            options = new VersionOptions("Specific", number);
            return true;
        }

        var known = new[] { "Latest", "Published", "LatestOrPublished", "LatestAndPublished", "Draft", "AllVersions" };
        var match = known.FirstOrDefault(k => string.Equals(k, text, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            return false;
        }

        options = new VersionOptions(match);
        return true;
    }

    /// <summary>The SQL condition on <c>workflow_definitions</c> that this selector means.</summary>
    public string SqlFilter => Kind switch
    {
        "Latest" => "is_latest",
        "Published" => "is_published",
        "LatestOrPublished" => "(is_latest OR is_published)",
        "LatestAndPublished" => "(is_latest AND is_published)",
        "Draft" => "(is_latest AND NOT is_published)",
        "Specific" => $"version = {Version!.Value}",
        _ => "true",
    };
}
