using CaseFlow.Notifications.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CaseFlow.Notifications.Dispatch;

/// <summary>Builds the MIME message from a stored row: exactly the subject and parts an operator can read in the table.</summary>
public sealed class MimeMessageFactory(IOptions<SmtpOptions> smtp, TimeProvider time)
{
    /// <summary>False, with the reason, for a row whose recipient is not one address: that row fails, not its batch.</summary>
    public bool TryCreate(ClaimedMessage row, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MimeMessage? message, out string error)
    {
        (message, error) = (null, "");
        if (Outbox.EmailAddress.Validate(row.RecipientAddress.Trim()) is { } why)
        {
            error = $"The recipient '{row.RecipientAddress}' is not valid: {why}";
            return false;
        }

        try
        {
            message = Create(row);
            return true;
        }
        catch (ParseException ex)
        {
            error = $"The message could not be built: {ex.Message}";
            return false;
        }
    }

    public MimeMessage Create(ClaimedMessage row)
    {
        var from = smtp.Value.From;
        var message = new MimeMessage
        {
            // MimeKit writes the angle brackets itself.
            MessageId = row.MessageId.Trim('<', '>'),
            Subject = row.Subject,
            Date = time.GetUtcNow(),
        };
        message.From.Add(new MailboxAddress(from.Name, from.Address));
        message.To.Add(new MailboxAddress(row.RecipientName ?? "", row.RecipientAddress.Trim()));
        message.Headers.Add("Content-Language", row.Language);
        message.Headers.Add("X-CaseFlow-Notification", row.Id.ToString("D"));
        if (row.CaseId is { } caseId)
        {
            message.Headers.Add("X-CaseFlow-Case", caseId.ToString("D"));
        }

        message.Body = new BodyBuilder { TextBody = row.Text, HtmlBody = row.Html }.ToMessageBody();
        return message;
    }
}
