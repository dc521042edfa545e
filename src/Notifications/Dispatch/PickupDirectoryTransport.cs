using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CaseFlow.Notifications.Dispatch;

/// <summary>No SMTP server configured: each message becomes an .eml file in the pickup folder (the dev mailbox).</summary>
public sealed class PickupDirectoryTransport(IOptions<NotificationsOptions> options, IHostEnvironment environment) : IMailTransport
{
    public string Directory => Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.PickupDirectory));

    public IMailSession OpenSession() => new Session(Directory);

    private sealed class Session(string directory) : IMailSession
    {
        public async Task<DeliveryResult> SendAsync(MimeMessage message, CancellationToken ct)
        {
            try
            {
                System.IO.Directory.CreateDirectory(directory);
                // The Message-ID names the file, so a retried write replaces itself instead of adding a copy.
                var name = (message.MessageId ?? Guid.NewGuid().ToString("N")).Replace('@', '_');
                var target = Path.Combine(directory, name + ".eml");
                var temporary = target + ".tmp";
                await message.WriteToAsync(temporary, ct);
                File.Move(temporary, target, overwrite: true);
                return DeliveryResult.Sent;
            }
            catch (IOException ex)
            {
                return new DeliveryResult(DeliveryOutcome.Retry, $"Cannot write to {directory}: {ex.Message}");
            }
            catch (UnauthorizedAccessException ex)
            {
                return new DeliveryResult(DeliveryOutcome.Retry, $"Cannot write to {directory}: {ex.Message}");
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
