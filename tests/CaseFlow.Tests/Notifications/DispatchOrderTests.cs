using CaseFlow.Notifications.Outbox;
using Npgsql;

namespace CaseFlow.Tests.Notifications;

public class DispatchOrderTests
{
    [Fact]
    public async Task Messages_queued_in_one_transaction_are_sent_in_the_order_they_were_queued()
    {
        // No sweep and no signal: the one dispatch below is the only one, so its batch order is what the server sees.
        await using var host = await NotificationsHost.StartAsync(new Dictionary<string, string?> { ["Notifications:SweepCron"] = "0 0 1 1 *", ["Notifications:Dispatch"] = "false" });
        var outbox = host.Get<IOutbox>();
        var numbers = Enumerable.Range(1, 30).Select(i => $"2026/{i:D7}").ToList();
        await using (var connection = await host.Get<NpgsqlDataSource>().OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            foreach (var number in numbers)
            {
                var model = SampleModels.For("step-advanced");
                model["protocol_number"] = number;
                await outbox.EnqueueAsync(transaction, NotificationsHost.Message($"order:{number}", "step-advanced", model: model), CancellationToken.None);
            }

            await transaction.CommitAsync();
        }

        Assert.Equal(30, await host.DispatchAsync());

        var subjects = host.Smtp.Received.Select(m => NotificationsHost.Parse(m).Subject).ToList();
        Assert.Equal(numbers, subjects.Select(s => numbers.Single(n => s!.Contains(n, StringComparison.Ordinal))));
    }
}
