using System.Text.RegularExpressions;

namespace CaseFlow.Cases.Messages;

/// <summary>
/// "a" joined with the article a configured name starts with, so a sentence reads "può rivolgersi al Segretario
/// generale" and never "a Il Segretario generale". Names are configured by people, with or without an article.
/// </summary>
public static partial class ItalianPreposition
{
    /// <summary>"Il Segretario generale" gives "al Segretario generale"; "L'Assessore" gives "all'Assessore"; "Dott.ssa Rossi" gives "alla Dott.ssa Rossi".</summary>
    public static string To(string name)
    {
        var text = name.Trim();
        if (Article().Match(text) is { Success: true } article)
        {
            var rest = text[article.Length..];
            return article.Groups["a"].Value.ToLowerInvariant() switch
            {
                "il" => "al " + rest,
                "lo" => "allo " + rest,
                "la" => "alla " + rest,
                "i" => "ai " + rest,
                "gli" => "agli " + rest,
                "le" => "alle " + rest,
                _ => "all'" + rest,
            };
        }

        // A title without its article: the title's gender gives the article Italian would put before it.
        return FeminineTitle().IsMatch(text) ? "alla " + text
            : MasculineTitle().IsMatch(text) ? "al " + text
            : "a " + text;
    }

    [GeneratedRegex(@"^(?:(?<a>il|lo|la|i|gli|le)\s+|(?<a>l)['’]\s*)", RegexOptions.IgnoreCase)]
    private static partial Regex Article();

    [GeneratedRegex(@"^(?:dott\.ssa|prof\.ssa|sig\.ra|avv\.ta|dottoressa|professoressa|signora)\s", RegexOptions.IgnoreCase)]
    private static partial Regex FeminineTitle();

    [GeneratedRegex(@"^(?:dott\.|dr\.|prof\.|sig\.|comm\.|dottor|dottore|professore|signor|commissario|segretario|sindaco|direttore|dirigente|responsabile)\s", RegexOptions.IgnoreCase)]
    private static partial Regex MasculineTitle();
}
