using System.Globalization;
using System.Net.Mail;

namespace CaseFlow.Notifications.Outbox;

/// <summary>
/// The one rule for a recipient address, for intake and dispatch alike: a bare <c>local@domain</c>, nothing else.
/// <see cref="MailAddress"/> alone accepts <c>Name &lt;a@b.it&gt;</c>, comments and lists, which later break a batch.
/// </summary>
public static class EmailAddress
{
    private const string LocalSpecials = "!#$%&'*+-/=?^_`{|}~.";

    /// <summary>Null when <paramref name="address"/> is a valid bare address; otherwise why not (Italian, then English).</summary>
    public static string? Validate(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return "L'indirizzo email è vuoto. / The email address is empty.";
        }

        if (address.Length > 254 || address.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or '"' or '(' or ')' or ',' or ';' or ':' or '\\' or '[' or ']'))
        {
            return "Indicare solo l'indirizzo, senza nome, spazi o altri indirizzi (es. mario.rossi@example.it). / Give the bare address only, with no name, spaces or other addresses.";
        }

        var at = address.IndexOf('@');
        if (at <= 0 || at != address.LastIndexOf('@') || at == address.Length - 1)
        {
            return "L'indirizzo email deve avere la forma nome@dominio. / The address must look like name@domain.";
        }

        var local = address[..at];
        var domain = address[(at + 1)..];
        if (local.Length > 64 || local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal)
            || local.Any(c => !(char.IsAsciiLetterOrDigit(c) || LocalSpecials.Contains(c))))
        {
            return "La parte prima di @ non è valida. / The part before @ is not valid.";
        }

        string ascii;
        try
        {
            ascii = new IdnMapping().GetAscii(domain);
        }
        catch (ArgumentException)
        {
            return "Il dominio dopo @ non è valido. / The domain after @ is not valid.";
        }

        var labels = ascii.Split('.');
        if (labels.Length < 2 || labels.Any(l => l.Length is 0 or > 63 || l.StartsWith('-') || l.EndsWith('-') || !l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            || labels[^1].All(char.IsAsciiDigit))
        {
            return "Il dominio dopo @ non è valido. / The domain after @ is not valid.";
        }

        return MailAddress.TryCreate(address, out var parsed) && parsed.Address == address && parsed.DisplayName.Length == 0
            ? null
            : "L'indirizzo email non è valido. / The email address is not valid.";
    }
}
