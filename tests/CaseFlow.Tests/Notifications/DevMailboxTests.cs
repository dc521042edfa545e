using System.Net;
using CaseFlow.Tests.Infrastructure;
using CaseFlow.Notifications.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CaseFlow.Tests.Notifications;

public class DevMailboxTests
{
    [Fact]
    public async Task Without_an_smtp_host_messages_become_eml_files_that_the_dev_mailbox_lists_and_shows()
    {
        var pickup = Path.Combine(Path.GetTempPath(), $"caseflow-mailbox-{Guid.NewGuid():N}");
        await using var app = new CaseFlowApp(await TestCluster.CreateDatabaseAsync(), new Dictionary<string, string?>
        {
            ["Notifications:PickupDirectory"] = pickup,
        });
        try
        {
            var outbox = app.Services.GetRequiredService<IOutbox>();
            await using (var connection = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync())
            await using (var transaction = await connection.BeginTransactionAsync())
            {
                await outbox.EnqueueAsync(transaction, NotificationsHost.Message("case:eml:received", language: "en"), CancellationToken.None);
                await transaction.CommitAsync();
            }

            outbox.SignalCommitted();
            await Eventually.Get(async () =>
            {
                await using var command = app.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(
                    "SELECT status || ' ' || attempts || ' ' || coalesce(last_error, '') FROM outbox_messages");
                return (string?)await command.ExecuteScalarAsync();
            }, s => s?.StartsWith("sent", StringComparison.Ordinal) == true, TimeSpan.FromSeconds(30), "the message is sent");
            var file = await Eventually.Get(
                () => Task.FromResult(Directory.Exists(pickup) ? Directory.GetFiles(pickup, "*.eml").SingleOrDefault() : null),
                f => f is not null, TimeSpan.FromSeconds(30), "the .eml file is written");

            var message = MimeKit.MimeMessage.Load(file!);
            Assert.Contains(SampleModels.ProtocolNumber, message.Subject, StringComparison.Ordinal);
            Assert.Contains("<html lang=\"en\">", message.HtmlBody, StringComparison.Ordinal);

            using var client = app.CreateClient();
            var list = await client.GetStringAsync("/dev/mailbox");
            Assert.Contains("Casella di sviluppo", list, StringComparison.Ordinal);
            Assert.Contains(WebUtility.HtmlEncode(message.Subject!), list, StringComparison.Ordinal);
            Assert.Contains("maria.rossi@example.it", list, StringComparison.Ordinal);

            var name = Path.GetFileName(file)!;
            var page = await client.GetStringAsync($"/dev/mailbox/{name}");
            Assert.Contains("<iframe sandbox", page, StringComparison.Ordinal);
            Assert.Contains("Parte testo", page, StringComparison.Ordinal);
            Assert.Contains("Message-Id", page, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(WebUtility.HtmlEncode(SampleModels.TrackingUrl), page, StringComparison.Ordinal);

            var html = await client.GetAsync($"/dev/mailbox/{name}/html");
            Assert.Equal(HttpStatusCode.OK, html.StatusCode);
            Assert.StartsWith("sandbox", html.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/dev/mailbox/..%2F..%2Fpasswd.eml")).StatusCode);
        }
        finally
        {
            if (Directory.Exists(pickup))
            {
                Directory.Delete(pickup, recursive: true);
            }
        }
    }
}
