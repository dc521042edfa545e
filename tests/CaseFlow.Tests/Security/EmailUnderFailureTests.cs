using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using CaseFlow.Notifications.Dispatch;
using CaseFlow.Notifications.Outbox;
using CaseFlow.Tests.Cases;
using CaseFlow.Tests.Infrastructure;
using CaseFlow.Tests.Infrastructure.Smtp;
using CaseFlow.Tests.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace CaseFlow.Tests.Security;

public class EmailUnderFailureTests
{
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [Fact]
    public async Task An_smtp_outage_is_retried_with_back_off_for_a_day_then_the_message_fails()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        await using var app = new CaseFlowApp(await TestCluster.CreateDatabaseAsync(), new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = ClosedPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:SweepCron"] = "0 0 1 1 *", // this test dispatches by itself
            ["Notifications:Dispatch"] = "false", // no signalled dispatcher either
        }) { ConfigureServices = s => s.AddSingleton<TimeProvider>(time) };
        var outbox = app.Services.GetRequiredService<IOutbox>();
        await using (var connection = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await outbox.EnqueueAsync(transaction, NotificationsHost.Message("outage:1"), CancellationToken.None);
            await transaction.CommitAsync();
        }

        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        async Task<(string Status, int Attempts, DateTimeOffset Next)> RowAsync()
        {
            await using var command = app.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(
                "SELECT status, attempts, next_attempt_at FROM outbox_messages WHERE deduplication_key = 'outage:1'");
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return (reader.GetString(0), reader.GetInt32(1), reader.GetFieldValue<DateTimeOffset>(2));
        }

        async Task DispatchUntilAsync(TimeSpan elapsed)
        {
            var until = time.GetUtcNow() + elapsed;
            while (time.GetUtcNow() < until && (await RowAsync()).Status is "pending" or "retrying")
            {
                await dispatcher.DispatchAsync(CancellationToken.None);
                var next = (await RowAsync()).Next;
                time.SetUtcNow(next > time.GetUtcNow() ? next : time.GetUtcNow().AddSeconds(1));
            }
        }

        await DispatchUntilAsync(TimeSpan.FromHours(12));
        var halfDay = await RowAsync();
        Assert.Equal("retrying", halfDay.Status);
        Assert.InRange(halfDay.Attempts, 10, 25); // back-off: 30 s, 1 min, 2 min … then once an hour

        await DispatchUntilAsync(TimeSpan.FromHours(13));
        var after = await RowAsync();
        Assert.Equal("failed", after.Status);
        Assert.InRange(after.Attempts, halfDay.Attempts + 10, halfDay.Attempts + 14);
    }

    [Fact]
    public async Task An_operator_resends_every_failed_message_of_a_case_in_one_call()
    {
        await using var host = await NotificationsHost.StartAsync();
        var caseId = Guid.NewGuid();
        host.Smtp.Script(SmtpFault.PermanentFailure, SmtpFault.PermanentFailure, SmtpFault.PermanentFailure);
        foreach (var n in new[] { 1, 2, 3 })
        {
            await host.EnqueueAsync(NotificationsHost.Message($"bulk:{n}", caseId: caseId));
        }

        foreach (var n in new[] { 1, 2, 3 })
        {
            await host.WaitForStatusAsync($"bulk:{n}", "failed");
        }

        using var supervisor = host.App.CreateAdminClient();
        var refused = await supervisor.PostAsJsonAsync("/api/notifications/resend", new { caseId });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.NotNull((await refused.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["status"]);

        var resent = await supervisor.PostAsJsonAsync("/api/notifications/resend", new { status = "failed", caseId });
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        Assert.Equal(3, (await resent.Content.ReadFromJsonAsync<JsonObject>())!["resent"]!.GetValue<int>());
        foreach (var n in new[] { 1, 2, 3 })
        {
            await host.WaitForStatusAsync($"bulk:{n}", "sent");
        }

        Assert.Equal(3, host.Smtp.Received.Count);
    }

    [Fact]
    public async Task A_recipient_with_a_display_name_fails_alone_and_the_rest_of_its_batch_is_sent()
    {
        await using var host = await NotificationsHost.StartAsync(new Dictionary<string, string?> { ["Notifications:Dispatch"] = "false" }); // the test dispatches by itself
        await host.EnqueueAsync(NotificationsHost.Message("batch:bad") with { RecipientAddress = "Maria Rossi <maria.rossi@example.it>" }, signal: false);
        await host.EnqueueAsync(NotificationsHost.Message("batch:good"), signal: false);

        await host.DispatchAsync();

        Assert.Equal("failed", (await host.RowAsync("batch:bad")).Status);
        Assert.Equal("sent", (await host.RowAsync("batch:good")).Status);
        Assert.Single(host.Smtp.Received);
    }

    [Fact]
    public async Task In_Production_a_host_without_smtp_refuses_to_start_unless_the_pickup_folder_is_meant()
    {
        await using var host = HostProcess.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings__CaseFlow"] = await TestCluster.CreateDatabaseAsync(),
            ["Notifications__AllowPickupInProduction"] = "false",
        });

        Assert.Equal(1, await host.WaitForExitAsync(TimeSpan.FromSeconds(90)));
        var line = host.Output.Split('\n').Single(l => l.StartsWith("CaseFlow could not start:", StringComparison.Ordinal));
        Assert.Contains("Smtp:Host", line, StringComparison.Ordinal);
        Assert.Contains("Notifications:AllowPickupInProduction", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mario.rossi@example.it", true)]
    [InlineData("a+b_c@sub.comune.limbiate.mb.it", true)]
    [InlineData("info@comune.città.it", true)]
    [InlineData("Mario Rossi <mario.rossi@example.it>", false)]
    [InlineData("<mario.rossi@example.it>", false)]
    [InlineData("mario.rossi@example.it, anna@example.it", false)]
    [InlineData("mario rossi@example.it", false)]
    [InlineData("mario..rossi@example.it", false)]
    [InlineData("mario.rossi@example", false)]
    [InlineData("mario.rossi@-example.it", false)]
    [InlineData("mario.rossi@example.it (casa)", false)]
    [InlineData("\"mario\"@example.it", false)]
    [InlineData("@example.it", false)]
    public void Only_a_bare_address_is_valid(string address, bool valid) =>
        Assert.Equal(valid, EmailAddress.Validate(address) is null);
}

public class IntakeEmailTests(CasesFixture fixture) : IClassFixture<CasesFixture>
{
    [Fact]
    public async Task An_intake_with_a_named_address_is_a_400_naming_citizen_email_and_nothing_is_written()
    {
        var application = CaseDesk.Application("cambio-residenza");
        application["citizen"]!["email"] = "Mario Rossi <mario.rossi@example.it>";

        var response = await (await fixture.Desk.FrontDesk).PostAsJsonAsync("/api/cases", application);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["citizen.email"]);
        Assert.Equal(0L, await fixture.Desk.ScalarAsync<long>("SELECT count(*) FROM cases"));
    }
}
