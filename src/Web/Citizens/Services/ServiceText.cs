namespace CaseFlow.Web.Citizens.Services;

/// <summary>The sheet's texts as the public pages cut them.</summary>
public static class ServiceText
{
    /// <summary>The first sentence of the summary: the "descrizione breve" of the service's card and header.</summary>
    public static string Short(string? summary)
    {
        if (string.IsNullOrWhiteSpace(summary))
        {
            return "";
        }

        var text = summary.Trim();
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? text[..(end + 1)] : text;
    }
}
