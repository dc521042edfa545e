using CaseFlow.Notifications.Dispatch;
using MimeKit;

namespace CaseFlow.Notifications.DevMailbox;

/// <summary>The .eml files of the pickup folder, newest first.</summary>
internal sealed class MailboxFiles(PickupDirectoryTransport pickup)
{
    public sealed record Entry(string Name, string Subject, string To, DateTimeOffset Date);

    public IReadOnlyList<Entry> List()
    {
        var directory = new DirectoryInfo(pickup.Directory);
        if (!directory.Exists)
        {
            return [];
        }

        return directory.GetFiles("*.eml")
            .Select(file =>
            {
                using var stream = file.OpenRead();
                var headers = HeaderList.Load(stream);
                var date = MimeKit.Utils.DateUtils.TryParse(headers[HeaderId.Date] ?? "", out var parsed) ? parsed : new DateTimeOffset(file.LastWriteTimeUtc);
                return new Entry(file.Name, headers[HeaderId.Subject] ?? "", headers[HeaderId.To] ?? "", date);
            })
            .OrderByDescending(e => e.Date)
            .ThenByDescending(e => e.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Only plain file names of this folder: a name cannot climb out of it.</summary>
    public MimeMessage? Load(string name)
    {
        if (name.Length == 0 || !name.EndsWith(".eml", StringComparison.Ordinal)
            || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') || name.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }

        var path = Path.Combine(pickup.Directory, name);
        return File.Exists(path) ? MimeMessage.Load(path) : null;
    }
}
