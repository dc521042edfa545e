using MimeKit;

namespace CaseFlow.Notifications.Dispatch;

/// <summary>Where messages go: an SMTP server, or the pickup folder when none is configured.</summary>
public interface IMailTransport
{
    /// <summary>One session per batch: for SMTP, one connection carries the whole batch.</summary>
    IMailSession OpenSession();
}

public interface IMailSession : IAsyncDisposable
{
    /// <summary>Sends one message and classifies the outcome; never throws for delivery problems.</summary>
    Task<DeliveryResult> SendAsync(MimeMessage message, CancellationToken ct);
}
