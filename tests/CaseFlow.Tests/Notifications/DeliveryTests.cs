using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CaseFlow.Tests.Infrastructure;
using CaseFlow.Tests.Infrastructure.Smtp;

namespace CaseFlow.Tests.Notifications;

public class DeliveryTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_committed_message_is_sent_once_with_a_deterministic_message_id_and_both_parts()
    {
        await using var host = await NotificationsHost.StartAsync();
        var caseId = Guid.NewGuid();
        Assert.True(await host.EnqueueAsync(NotificationsHost.Message($"case:{caseId}:received", caseId: caseId)));

        var row = await host.WaitForStatusAsync($"case:{caseId}:received", "sent");
        var mail = Assert.Single(host.Smtp.Received);
        var message = NotificationsHost.Parse(mail);

        Assert.Equal($"{row.Id:D}@caseflow.local", message.MessageId);
        Assert.Contains(SampleModels.ProtocolNumber, message.Subject, StringComparison.Ordinal);
        Assert.Equal("Sportello CaseFlow", message.From.Mailboxes.Single().Name);
        Assert.Equal("noreply@caseflow.local", message.From.Mailboxes.Single().Address);
        Assert.Equal("maria.rossi@example.it", message.To.Mailboxes.Single().Address);
        Assert.Equal(["maria.rossi@example.it"], mail.To);
        Assert.Contains("Comunicazione di avvio del procedimento", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"it\">", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"{SampleModels.TrackingUrl}\"", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Responsabile del procedimento: dott.ssa Anna Bianchi", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("silenzio-assenso", message.TextBody, StringComparison.Ordinal);
        Assert.Contains(SampleModels.TrackingUrl, message.TextBody, StringComparison.Ordinal);
        Assert.Equal(1, row.Attempts);

        // Nothing more goes out however often the dispatcher runs.
        await host.DispatchAsync();
        Assert.Single(host.Smtp.Received);
    }

    [Fact]
    public async Task A_second_enqueue_with_the_same_key_changes_nothing_and_one_message_is_sent()
    {
        await using var host = await NotificationsHost.StartAsync();
        Assert.True(await host.EnqueueAsync(NotificationsHost.Message("case:dup:received")));
        Assert.False(await host.EnqueueAsync(NotificationsHost.Message("case:dup:received", language: "en")));

        await host.WaitForStatusAsync("case:dup:received", "sent");
        await host.DispatchAsync();
        var message = NotificationsHost.Parse(Assert.Single(host.Smtp.Received));
        Assert.StartsWith("Avvio del procedimento", message.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_temporary_failure_is_retried_with_backoff_and_then_sent()
    {
        await using var host = await NotificationsHost.StartAsync();
        host.Smtp.Script(SmtpFault.TemporaryFailure, SmtpFault.DropBeforeData);
        await host.EnqueueAsync(NotificationsHost.Message("case:retry:received"));

        var row = await host.WaitForStatusAsync("case:retry:received", "sent");
        Assert.Equal(3, row.Attempts);
        Assert.Single(host.Smtp.Received);
        Assert.Empty(host.Smtp.DroppedAfterData);
    }

    [Fact]
    public async Task A_permanent_rejection_fails_without_retry_and_is_visible_to_operators()
    {
        await using var host = await NotificationsHost.StartAsync();
        host.Smtp.Script(SmtpFault.PermanentFailure);
        var caseId = Guid.NewGuid();
        await host.EnqueueAsync(NotificationsHost.Message("case:reject:received", caseId: caseId));

        var row = await host.WaitForStatusAsync("case:reject:received", "failed");
        Assert.Equal(1, row.Attempts);
        Assert.StartsWith("550", row.LastError, StringComparison.Ordinal);

        using var client = host.App.CreateAdminClient();
        using var list = JsonDocument.Parse(await client.GetStringAsync($"/api/notifications?caseId={caseId}&status=failed"));
        var item = Assert.Single(list.RootElement.EnumerateArray());
        Assert.Equal(row.Id, item.GetProperty("id").GetGuid());
        Assert.Equal("failed", item.GetProperty("status").GetString());
        Assert.Empty(JsonDocument.Parse(await client.GetStringAsync($"/api/notifications?caseId={caseId}&status=sent")).RootElement.EnumerateArray());
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.App.CreateClient().GetAsync("/api/notifications")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/notifications?status=lost")).StatusCode);

        await host.DispatchAsync();
        Assert.Empty(host.Smtp.Received);
    }

    [Fact]
    public async Task A_drop_after_the_data_is_uncertain_never_resent_automatically_and_an_operator_can_resend()
    {
        await using var host = await NotificationsHost.StartAsync();
        host.Smtp.Script(SmtpFault.DropAfterData);
        await host.EnqueueAsync(NotificationsHost.Message("case:drop:received"));

        var row = await host.WaitForStatusAsync("case:drop:received", "uncertain");
        Assert.Single(host.Smtp.DroppedAfterData);
        await host.DispatchAsync();
        await host.DispatchAsync();
        Assert.Empty(host.Smtp.Received);
        Assert.Equal("uncertain", (await host.RowAsync("case:drop:received")).Status);

        using var client = host.App.CreateAdminClient();
        var resend = await client.PostAsync($"/api/notifications/{row.Id}/resend", null);
        Assert.Equal(HttpStatusCode.Accepted, resend.StatusCode);
        await host.WaitForStatusAsync("case:drop:received", "sent");
        var message = NotificationsHost.Parse(Assert.Single(host.Smtp.Received));
        // Same Message-ID as the copy that may have arrived: a mail client can tell they are one message.
        Assert.Equal(NotificationsHost.Parse(host.Smtp.DroppedAfterData[0]).MessageId, message.MessageId);

        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/notifications/{Guid.NewGuid()}/resend", null)).StatusCode);
        var detail = JsonDocument.Parse(await client.GetStringAsync($"/api/notifications/{row.Id}")).RootElement;
        Assert.Equal(1, detail.GetProperty("resendCount").GetInt32());
        Assert.Contains("Comunicazione di avvio", detail.GetProperty("htmlBody").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resend_of_a_message_still_on_its_way_is_a_conflict()
    {
        await using var host = await NotificationsHost.StartAsync(new Dictionary<string, string?> { ["Jobs:RunServer"] = "false" });
        await host.EnqueueAsync(NotificationsHost.Message("case:wait:received"), signal: false);
        var row = await host.RowAsync("case:wait:received");

        using var client = host.App.CreateAdminClient();
        var response = await client.PostAsync($"/api/notifications/{row.Id}/resend", null);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("status", problem.GetProperty("field").GetString());
    }
}
