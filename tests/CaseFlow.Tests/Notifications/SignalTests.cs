using CaseFlow.Notifications.Outbox;
using CaseFlow.Tests.Infrastructure;
using Npgsql;

namespace CaseFlow.Tests.Notifications;

/// <summary>The commit signals the host's dispatcher (LISTEN/NOTIFY): no Hangfire job per message, no sweep needed.</summary>
public class SignalTests
{
    // Every recurring job parked far away: whatever is sent here was sent because the commit signalled it.
    private static readonly Dictionary<string, string?> NoSweeps = new()
    {
        ["Notifications:SweepCron"] = "0 0 1 1 *",
        ["Clock:SweepCron"] = "0 0 1 1 *",
        ["Workflows:TimerSweepCron"] = "0 0 1 1 *",
    };

    [Fact]
    public async Task A_committed_message_is_sent_on_its_commit_alone_without_any_hangfire_job()
    {
        await using var host = await NotificationsHost.StartAsync(NoSweeps);

        await host.EnqueueAsync(NotificationsHost.Message("case:signal:received"), signal: false);

        await host.WaitForStatusAsync("case:signal:received", "sent");
        Assert.Single(host.Smtp.Received);
        Assert.Equal(0, await Sql.CountAsync(host.App.ConnectionString, "SELECT count(*) FROM hangfire.job"));
    }

    [Fact]
    public async Task A_message_of_a_rolled_back_transaction_is_neither_stored_nor_signalled()
    {
        await using var host = await NotificationsHost.StartAsync(NoSweeps);
        var outbox = host.Get<IOutbox>();
        await using (var connection = await host.Get<NpgsqlDataSource>().OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            Assert.True(await outbox.EnqueueAsync(transaction, NotificationsHost.Message("case:rolled-back:received"), CancellationToken.None));
            await transaction.RollbackAsync();
        }

        // A later commit is heard, so the earlier one would have been too.
        await host.EnqueueAsync(NotificationsHost.Message("case:committed:received"), signal: false);
        await host.WaitForStatusAsync("case:committed:received", "sent");
        Assert.Equal(0, await Sql.CountAsync(host.App.ConnectionString, "SELECT count(*) FROM outbox_messages WHERE deduplication_key = 'case:rolled-back:received'"));
        Assert.Single(host.Smtp.Received);
    }

    [Fact]
    public async Task The_dispatcher_reconnects_when_its_listening_connection_is_killed_and_sends_what_was_committed_meanwhile()
    {
        await using var host = await NotificationsHost.StartAsync(NoSweeps);
        await host.EnqueueAsync(NotificationsHost.Message("case:before:received"), signal: false);
        await host.WaitForStatusAsync("case:before:received", "sent");

        // The listening backend is the one whose last statement was LISTEN (or its keep-alive ping).
        var killed = await Sql.CountAsync(host.App.ConnectionString, """
            SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
             WHERE datname = current_database() AND pid <> pg_backend_pid() AND query IN ('LISTEN caseflow_outbox', 'SELECT 1')
            """);
        Assert.Equal(1, killed);
        await host.EnqueueAsync(NotificationsHost.Message("case:after:received"), signal: false);

        await host.WaitForStatusAsync("case:after:received", "sent");
        Assert.Equal(2, host.Smtp.Received.Count);
    }
}
