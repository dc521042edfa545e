using CaseFlow.Notifications.Outbox;
using CaseFlow.Tests.Infrastructure;
using CaseFlow.Tests.Infrastructure.Smtp;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CaseFlow.Tests.Notifications;

public class DispatchCrashTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Messages = 600;

    [Fact]
    public async Task A_host_killed_with_sigkill_mid_batch_loses_no_message_and_sends_none_twice()
    {
        var connectionString = await TestCluster.CreateDatabaseAsync();
        await using (var seeder = new CaseFlowApp(connectionString, new Dictionary<string, string?> { ["Jobs:RunServer"] = "false" }))
        {
            _ = seeder.Server;
            var outbox = seeder.Services.GetRequiredService<IOutbox>();
            await using var connection = await seeder.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            for (var i = 0; i < Messages; i++)
            {
                await outbox.EnqueueAsync(transaction, NotificationsHost.Message($"crash:{i}"), CancellationToken.None);
            }

            await transaction.CommitAsync();
        }

        // A slow server: each message takes a while to be accepted, so a kill lands inside a batch.
        await using var smtp = new SmtpServer { AcceptDelay = TimeSpan.FromMilliseconds(40) };
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__CaseFlow"] = connectionString,
            ["Smtp__Host"] = smtp.Host,
            ["Smtp__Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications__SweepCron"] = "* * * * * *",
            ["Notifications__BatchSize"] = "25",
            ["Notifications__Lease"] = "00:00:10",
        };
        var killedMidBatch = false;
        for (var kill = 0; kill < 3; kill++)
        {
            await using var host = HostProcess.Start(environment);
            await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
            var before = smtp.Received.Count;
            // Kill once this host has sent a few, or stop killing if a busy machine let the earlier hosts send everything.
            await Eventually.True(async () => smtp.Received.Count > before + 5 || await Unfinished(connectionString) == 0, TimeSpan.FromSeconds(150),
                "the dispatcher is sending");
            host.Kill();
            await host.WaitForExitAsync(TimeSpan.FromSeconds(10));
            killedMidBatch |= await Sql.CountAsync(connectionString, "SELECT count(*) FROM outbox_messages WHERE status = 'sending'") > 0;
        }

        await using (var survivor = HostProcess.Start(environment))
        {
            await survivor.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
            await Eventually.True(async () => await Unfinished(connectionString) == 0,
                TimeSpan.FromSeconds(180), "every message is sent or, where a kill left it unknowable, uncertain");
            survivor.Terminate();
            await survivor.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.True(killedMidBatch, "a kill left a batch in flight");
        var deliveries = smtp.Received.Select(m => NotificationsHost.Parse(m).MessageId ?? "").GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(deliveries, d => Assert.Equal(1, d.Value));
        var rows = await Rows(connectionString);
        Assert.Equal(Messages, rows.Count);
        // Sent means the server said so: delivered exactly once. Uncertain means a kill fell between the data and the
        // reply: delivered at most once, and left for an operator.
        Assert.All(rows.Where(r => r.Status == "sent"), r => Assert.True(deliveries.ContainsKey($"{r.Id:D}@caseflow.local"), $"{r.Id} sent but never received"));
        output.WriteLine($"sent {rows.Count(r => r.Status == "sent")}, uncertain {rows.Count(r => r.Status == "uncertain")}, received {deliveries.Count}");
        Assert.True(rows.Count(r => r.Status == "uncertain") <= 3 * 25, "only messages of the killed batches can be uncertain");
    }

    private static Task<long> Unfinished(string connectionString) =>
        Sql.CountAsync(connectionString, "SELECT count(*) FROM outbox_messages WHERE status NOT IN ('sent', 'uncertain')");

    private static async Task<List<(Guid Id, string Status)>> Rows(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id, status FROM outbox_messages", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(Guid, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetGuid(0), reader.GetString(1)));
        }

        return rows;
    }
}
