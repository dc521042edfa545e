using System.Globalization;
using System.Text;

namespace CaseFlow.Cases.Indicators;

/// <summary>
/// CSV as Italian spreadsheets open it without an import dialog: UTF-8 with a byte order mark, <c>;</c> between fields,
/// <c>,</c> as the decimal separator, CRLF line ends (RFC 4180), fields with a separator, quote or line break quoted.
/// </summary>
public static class ItalianCsv
{
    public const string ContentType = "text/csv; charset=utf-8";
    private static readonly CultureInfo Italian = CultureInfo.GetCultureInfo("it-IT");

    public static byte[] Write(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var text = new StringBuilder();
        Line(text, headers);
        foreach (var row in rows)
        {
            Line(text, row.Select(Format).ToList());
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static string Format(object? value) => value switch
    {
        null => "",
        double d => d.ToString("0.####", Italian),
        decimal m => m.ToString("0.####", Italian),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "sì" : "no",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static void Line(StringBuilder text, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                text.Append(';');
            }

            var field = fields[i];
            text.Append(field.AsSpan().IndexOfAny(";\"\r\n") >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field);
        }

        text.Append("\r\n");
    }
}
