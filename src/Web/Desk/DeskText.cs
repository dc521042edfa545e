using System.Globalization;

namespace CaseFlow.Web.Desk;

/// <summary>What the desk's pages show of the services' words: a problem's own language, statuses in plain words.</summary>
public static class DeskText
{
    /// <summary>The services write "Italiano. / English."; a page shows the half of the person's language.</summary>
    public static string Message(string message)
    {
        var split = message.IndexOf(" / ", StringComparison.Ordinal);
        if (split < 0)
        {
            return message;
        }

        return CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? message[(split + 3)..] : message[..split];
    }

    public static string Status(string status, bool english) => (status, english) switch
    {
        ("open", false) => "In lavorazione",
        ("open", true) => "In progress",
        ("suspended", false) => "Sospeso",
        ("suspended", true) => "Suspended",
        ("granted", false) => "Accolto",
        ("granted", true) => "Granted",
        ("denied", false) => "Respinto",
        ("denied", true) => "Denied",
        ("cancelled", false) => "Annullato",
        ("cancelled", true) => "Cancelled",
        ("closed", false) => "Concluso",
        ("closed", true) => "Closed",
        ("substitute", false) => "Al titolare del potere sostitutivo",
        ("substitute", true) => "With the substitute authority",
        _ => status,
    };

    public static string StatusBadge(string status) => status switch
    {
        "open" => "bg-primary",
        "suspended" => "bg-warning text-dark",
        "granted" or "closed" => "bg-success",
        "denied" or "cancelled" => "bg-danger",
        _ => "bg-secondary",
    };

    public static string Delivery(string status, bool english) => (status, english) switch
    {
        ("pending", false) => "In coda",
        ("pending", true) => "Queued",
        ("sending", false) => "In invio",
        ("sending", true) => "Sending",
        ("sent", false) => "Consegnato al server di posta",
        ("sent", true) => "Handed to the mail server",
        ("retrying", false) => "Nuovo tentativo in programma",
        ("retrying", true) => "Retry scheduled",
        ("uncertain", false) => "Esito incerto",
        ("uncertain", true) => "Uncertain",
        ("failed", false) => "Non consegnato",
        ("failed", true) => "Failed",
        _ => status,
    };

    public static string DeliveryBadge(string status) => status switch
    {
        "sent" => "bg-success",
        "failed" => "bg-danger",
        "uncertain" or "retrying" => "bg-warning text-dark",
        _ => "bg-secondary",
    };

    public static string ClockEvent(string kind, bool english) => (kind, english) switch
    {
        ("suspension", false) => "Termine sospeso",
        ("suspension", true) => "Term suspended",
        ("interruption", false) => "Termine interrotto",
        ("interruption", true) => "Term interrupted",
        ("refusal-notice", false) => "Preavviso di rigetto (art. 10-bis)",
        ("refusal-notice", true) => "Notice of refusal (art. 10-bis)",
        _ => kind,
    };

    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
}
