using CaseFlow.Tests.Infrastructure;
using CaseFlow.Tests.Infrastructure.Smtp;
using Npgsql;

namespace CaseFlow.Tests.Notifications;

public class ConcurrencyTests
{
    private static readonly Dictionary<string, string?> NoJobServer = new()
    {
        ["Jobs:RunServer"] = "false",
        ["Notifications:BatchSize"] = "7",
    };

    [Fact]
    public async Task Two_hosts_dispatching_in_parallel_deliver_each_message_exactly_once()
    {
        var database = await TestCluster.CreateDatabaseAsync();
        await using var smtp = new SmtpServer();
        // Two replicas on one database, sending to one SMTP server.
        await using var first = await NotificationsHost.StartAsync(NoJobServer, database, smtp);
        await using var second = await NotificationsHost.StartAsync(NoJobServer, database, smtp);
        const int count = 120;
        for (var i = 0; i < count; i++)
        {
            await first.EnqueueAsync(NotificationsHost.Message($"case:{i}:received"), signal: false);
        }

        var claimed = await Task.WhenAll(
            Task.Run(first.DispatchAsync), Task.Run(first.DispatchAsync),
            Task.Run(second.DispatchAsync), Task.Run(second.DispatchAsync));

        Assert.Equal(count, claimed.Sum());
        var ids = smtp.Received.Select(m => NotificationsHost.Parse(m).MessageId).ToList();
        Assert.Equal(count, ids.Count);
        Assert.Equal(count, ids.Distinct().Count());
        // One connection per batch, not one per message.
        Assert.True(smtp.ConnectionCount <= count / 7 + 4 + 1, $"{smtp.ConnectionCount} connections");
    }

    [Fact]
    public async Task An_expired_claim_goes_back_to_the_queue_if_its_send_never_started_and_becomes_uncertain_if_it_had()
    {
        await using var host = await NotificationsHost.StartAsync(NoJobServer);
        await host.EnqueueAsync(NotificationsHost.Message("case:never-started:received"), signal: false);
        await host.EnqueueAsync(NotificationsHost.Message("case:started:received"), signal: false);
        // What a host killed mid-batch leaves behind: both claimed, one of them already being sent.
        await using (var command = host.Get<NpgsqlDataSource>().CreateCommand("""
            UPDATE outbox_messages SET status = 'sending', claim_id = gen_random_uuid(), attempts = 1,
                   claimed_at = now() - interval '10 minutes', lease_until = now() - interval '5 minutes',
                   send_started_at = CASE WHEN deduplication_key = 'case:started:received' THEN now() - interval '9 minutes' END
            """))
        {
            await command.ExecuteNonQueryAsync();
        }

        await host.DispatchAsync();

        var neverStarted = await host.RowAsync("case:never-started:received");
        var started = await host.RowAsync("case:started:received");
        Assert.Equal("sent", neverStarted.Status);
        Assert.Equal(1, neverStarted.Attempts);
        Assert.Equal("uncertain", started.Status);
        Assert.Contains("lease expired", started.LastError, StringComparison.Ordinal);
        var message = NotificationsHost.Parse(Assert.Single(host.Smtp.Received));
        Assert.Equal($"{neverStarted.Id:D}@caseflow.local", message.MessageId);
    }

    [Fact]
    public async Task A_live_claim_is_left_alone()
    {
        await using var host = await NotificationsHost.StartAsync(NoJobServer);
        await host.EnqueueAsync(NotificationsHost.Message("case:live:received"), signal: false);
        await using (var command = host.Get<NpgsqlDataSource>().CreateCommand(
            "UPDATE outbox_messages SET status = 'sending', claim_id = gen_random_uuid(), lease_until = now() + interval '5 minutes'"))
        {
            await command.ExecuteNonQueryAsync();
        }

        Assert.Equal(0, await host.DispatchAsync());
        Assert.Equal("sending", (await host.RowAsync("case:live:received")).Status);
        Assert.Empty(host.Smtp.Received);
    }
}
