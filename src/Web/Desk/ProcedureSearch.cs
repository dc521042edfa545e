using System.Globalization;
using System.Text;
using CaseFlow.Cases.Procedures;

namespace CaseFlow.Web.Desk;

/// <summary>Search by words in the catalogue: every word must appear in the sheet, ignoring case and accents.</summary>
public static class ProcedureSearch
{
    public static bool Matches(Procedure procedure, string? query)
    {
        var words = Fold(query ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
        {
            return true;
        }

        var sheet = procedure.Sheet;
        var text = Fold(string.Join(' ', [sheet.Title, sheet.Summary, sheet.LegalBasis, procedure.Name, procedure.Description, sheet.Costs,
            .. sheet.RequiredDocuments, .. sheet.Channels]));
        return words.All(text.Contains);
    }

    private static string Fold(string text)
    {
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(char.IsLetterOrDigit(c) ? c : ' ');
            }
        }

        return folded.ToString();
    }
}
