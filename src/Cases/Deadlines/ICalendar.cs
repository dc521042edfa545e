using System.Globalization;
using System.Text;

namespace CaseFlow.Cases.Deadlines;

/// <summary>An RFC 5545 feed of an office's due dates: CRLF line endings, lines folded at 75 octets, a stable UID per deadline.</summary>
internal static class ICalendar
{
    public static string Feed(string office, IEnumerable<DueDateEntry> items, DateTimeOffset now)
    {
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//CaseFlow//Scadenziario//IT",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            $"X-WR-CALNAME:{Escape($"Scadenze {office}")}",
        };
        var stamp = now.ToUniversalTime().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        foreach (var item in items)
        {
            var kind = item.Kind == "step" ? "Scadenza attività" : "Termine del procedimento";
            lines.AddRange([
                "BEGIN:VEVENT",
                $"UID:{item.Id}@caseflow",
                $"DTSTAMP:{stamp}",
                $"DTSTART;VALUE=DATE:{item.Date:yyyyMMdd}",
                $"DTEND;VALUE=DATE:{item.Date.AddDays(1):yyyyMMdd}",
                $"SUMMARY:{Escape($"{kind}: {item.Title} (protocollo {item.ProtocolNumber})")}",
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
            ]);
        }

        lines.Add("END:VCALENDAR");
        var feed = new StringBuilder();
        foreach (var line in lines)
        {
            Fold(feed, line);
        }

        return feed.ToString();
    }

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal)
            .Replace("\r\n", "\\n", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Lines of at most 75 octets; a continuation starts with a space, and no UTF-8 sequence is split.</summary>
    private static void Fold(StringBuilder feed, string line)
    {
        var octets = 0;
        var limit = 75;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > limit)
            {
                feed.Append("\r\n ");
                octets = 0;
                limit = 74; // the leading space counts
            }

            feed.Append(rune.ToString());
            octets += size;
        }

        feed.Append("\r\n");
    }
}
