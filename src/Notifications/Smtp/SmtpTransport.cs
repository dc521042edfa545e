using System.Net.Sockets;
using CaseFlow.Notifications.Dispatch;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CaseFlow.Notifications.Smtp;

/// <summary>Sends over SMTP with MailKit, one connection per batch, classifying each failure by where it happened.</summary>
public sealed class SmtpTransport(IOptions<SmtpOptions> options) : Dispatch.IMailTransport
{
    public IMailSession OpenSession() => new Session(options.Value);

    private sealed class Session(SmtpOptions options) : IMailSession
    {
        private readonly SmtpClient client = new() { Timeout = (int)options.Timeout.TotalMilliseconds };

        public async Task<DeliveryResult> SendAsync(MimeMessage message, CancellationToken ct)
        {
            if (!client.IsConnected)
            {
                try
                {
                    await ConnectAsync(ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    return new DeliveryResult(DeliveryOutcome.Retry, $"Cannot connect to {options.Host}:{options.Port}: {ex.Message}", ConnectionBroken: true, ServerUnreachable: true);
                }
            }

            // MailKit reports progress only while it writes the message content, i.e. after the server's 354 to DATA.
            // Before the first report nothing of the message has left us; after it, the final dot may have.
            var progress = new ContentProgress();
            try
            {
                await client.SendAsync(message, ct, progress);
                return DeliveryResult.Sent;
            }
            catch (SmtpCommandException ex)
            {
                // The server answered: nothing was accepted. 5xx is final, 4xx (and anything else) is worth a retry.
                var text = $"{(int)ex.StatusCode} {ex.Message}";
                return (int)ex.StatusCode >= 500
                    ? new DeliveryResult(DeliveryOutcome.Failed, text, !client.IsConnected)
                    : new DeliveryResult(DeliveryOutcome.Retry, text, !client.IsConnected);
            }
            catch (Exception ex) when (ex is IOException or SocketException or SmtpProtocolException or ServiceNotConnectedException
                                           or TimeoutException or OperationCanceledException)
            {
                await DropAsync();
                var reason = ex is OperationCanceledException ? "the dispatcher was stopped" : ex.Message;
                return progress.Started
                    ? new DeliveryResult(DeliveryOutcome.Uncertain, $"Connection lost after the message content was sent, before the server confirmed it: {reason}", true)
                    : new DeliveryResult(DeliveryOutcome.Retry, $"Connection lost before the message content was sent: {reason}", true);
            }
        }

        private async Task ConnectAsync(CancellationToken ct)
        {
            var security = options.Security switch
            {
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.None,
            };
            // Latency, not bandwidth, bounds a batch of small messages: do not let Nagle hold back each command.
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(options.Host!, options.Port, ct);
                await client.ConnectAsync(socket, options.Host!, options.Port, security, ct);
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            if (!string.IsNullOrWhiteSpace(options.Username))
            {
                await client.AuthenticateAsync(options.Username, options.Password ?? "", ct);
            }
        }

        private async Task DropAsync()
        {
            try
            {
                await client.DisconnectAsync(quit: false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
            {
                // The connection is already gone; the next message reconnects.
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (client.IsConnected)
            {
                try
                {
                    await client.DisconnectAsync(quit: true);
                }
                catch (Exception ex) when (ex is IOException or SocketException or SmtpProtocolException or SmtpCommandException)
                {
                    // Every message of the batch has its outcome already; a failed QUIT changes nothing.
                }
            }

            client.Dispose();
        }
    }

    private sealed class ContentProgress : ITransferProgress
    {
        public bool Started { get; private set; }

        public void Report(long bytesTransferred, long totalSize) => Started = true;

        public void Report(long bytesTransferred) => Started = true;
    }
}
