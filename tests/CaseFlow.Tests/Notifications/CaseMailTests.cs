using System.Text.Json.Nodes;
using CaseFlow.Tests.Cases;
using CaseFlow.Tests.Infrastructure;

namespace CaseFlow.Tests.Notifications;

/// <summary>From a case's step to the citizen's inbox: the real workflow, the outbox and MailKit talking to the in-process SMTP server.</summary>
public class CaseMailTests
{
    [Fact]
    public async Task A_notice_of_refusal_reaches_the_citizen_once_with_the_reasons_and_the_ten_days_in_both_parts()
    {
        await using var host = await NotificationsHost.StartAsync();
        var desk = new CaseDesk(host.App);
        var started = await desk.StartAsync(CaseDesk.Application("cambio-residenza"));
        var caseId = started["caseId"]!.GetValue<string>();
        var protocol = started["protocolNumber"]!.GetValue<string>();
        await desk.CompleteCurrentAsync(caseId, "comune-anagrafe", "Registrata");
        await desk.CompleteCurrentAsync(caseId, "comune-polizia-locale", "Dimora non accertata");

        var mail = await Eventually.Get(() => Task.FromResult(host.Smtp.Received.Select(NotificationsHost.Parse).ToList()),
            all => all.Any(m => m.Subject?.StartsWith("Preavviso di rigetto", StringComparison.Ordinal) == true), TimeSpan.FromSeconds(30), "the notice of refusal is delivered");
        var notice = Assert.Single(mail, m => m.Subject?.StartsWith("Preavviso di rigetto", StringComparison.Ordinal) == true);
        Assert.Equal($"Preavviso di rigetto – pratica n. {protocol}", notice.Subject);
        Assert.Equal("mario.rossi@example.it", notice.To.Mailboxes.Single().Address);
        Assert.Contains("<html lang=\"it\">", notice.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<h1", notice.HtmlBody, StringComparison.Ordinal);
        foreach (var body in new[] { notice.HtmlBody, notice.TextBody })
        {
            Assert.Contains("art. 10-bis", body, StringComparison.Ordinal);
            Assert.Contains("non risulta la dimora abituale", body, StringComparison.Ordinal);
            Assert.Contains("10 giorni", body, StringComparison.Ordinal);
            Assert.Contains("Protocollo della comunicazione", body, StringComparison.Ordinal);
        }

        // Each outbox row of the case is delivered exactly once, however often the dispatcher runs.
        var rows = await desk.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE case_id = @id", ("id", Guid.Parse(caseId)));
        await Eventually.Get(() => desk.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE case_id = @id AND status = 'sent'", ("id", Guid.Parse(caseId))),
            sent => sent == rows, TimeSpan.FromSeconds(30), "every message of the case is sent");
        await host.DispatchAsync();
        var ids = host.Smtp.Received.Select(m => NotificationsHost.Parse(m).MessageId).ToList();
        Assert.Equal(rows, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.True(rows >= 4, $"notice of start, two steps and the notice of refusal at least, not {rows}");
    }
}
