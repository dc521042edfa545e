using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using CaseFlow.Notifications;
using CaseFlow.Notifications.Dispatch;
using CaseFlow.Notifications.Outbox;
using CaseFlow.Notifications.Templates;
using CaseFlow.Tests.Infrastructure.Smtp;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MimeKit;
using Npgsql;

using CaseFlow.Bench;

namespace CaseFlow.Bench.Outbox;

/// <summary>
/// Messages per second through the outbox (enqueue in a transaction, then the dispatcher) against MailKit sending the
/// same messages straight to the same in-process SMTP listener, in the same run.
/// </summary>
internal static class OutboxBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchArgs.Parse(args);
        var count = options.Or(full: 1000, smoke: 100);
        var warmup = options.Smoke ? 10 : 100;
        await using var smtp = new SmtpServer();
        await using var database = await BenchDatabase.StartAsync();
        await using var services = BuildServices(database.DataSource, smtp);

        // Warm-up (JIT, pools, template cache), not measured.
        await Direct(services, smtp, warmup);
        await ThroughOutbox(services, database.DataSource, warmup, dispatchers: 1, prefix: "warmup");

        var direct = await Direct(services, smtp, count);
        var single = await ThroughOutbox(services, database.DataSource, count, dispatchers: 1, prefix: "one");
        var dual = await ThroughOutbox(services, database.DataSource, count, dispatchers: 2, prefix: "two");
        await using var nullServices = BuildServices(database.DataSource, smtp, nullTransport: true);
        var databaseOnly = await ThroughOutbox(nullServices, database.DataSource, count, dispatchers: 1, prefix: "null");

        Console.WriteLine($"messages: {count}, cores: {Environment.ProcessorCount}, {database.Describe}, SMTP on loopback");
        Console.WriteLine($"MailKit direct, one connection       : {Rate(count, direct),8:0} msg/s");
        Console.WriteLine($"outbox enqueue (1 tx per message)    : {Rate(count, single.Enqueue),8:0} msg/s");
        Console.WriteLine($"outbox dispatch, 1 dispatcher        : {Rate(count, single.Dispatch),8:0} msg/s");
        Console.WriteLine($"outbox dispatch, 2 dispatchers       : {Rate(count, dual.Dispatch),8:0} msg/s");
        Console.WriteLine($"dispatch, 1 dispatcher, no SMTP      : {Rate(count, databaseOnly.Dispatch),8:0} msg/s (the outbox's own cost)");
        Console.WriteLine($"outbox end to end, 1 dispatcher      : {Rate(count, single.Enqueue + single.Dispatch),8:0} msg/s");
        Console.WriteLine($"ratio dispatch(1) / direct           : {direct.TotalSeconds / single.Dispatch.TotalSeconds:0.00}");
        Console.WriteLine($"ratio end-to-end(1) / direct         : {direct.TotalSeconds / (single.Enqueue + single.Dispatch).TotalSeconds:0.00}");
        var expected = 2 * warmup + 3 * count;
        if (smtp.Received.Count != expected)
        {
            Console.Error.WriteLine($"the listener received {smtp.Received.Count} messages, expected {expected}");
            return 1;
        }

        return 0;
    }

    private static double Rate(int count, TimeSpan elapsed) => count / elapsed.TotalSeconds;

    private static ServiceProvider BuildServices(NpgsqlDataSource dataSource, SmtpServer smtp, bool nullTransport = false)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Smtp:Host"] = smtp.Host,
            ["Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Notifications:BatchSize"] = "100",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(dataSource);
        services.AddSingleton<IHostEnvironment>(new BenchEnvironment());
        services.AddCaseFlowNotifications(configuration);
        if (nullTransport)
        {
            services.AddSingleton<IMailTransport, NullTransport>();
        }
        return services.BuildServiceProvider();
    }

    private static JsonObject Model(int i) => new()
    {
        ["citizen_name"] = "Maria Rossi",
        ["protocol_number"] = $"2026/{i:0000000}",
        ["application_date"] = "2026-11-23",
        ["tracking_url"] = $"https://sportello.example.it/api/track/{i}",
        ["tracking_page_url"] = $"https://sportello.example.it/pratiche/{i}",
        ["desk_name"] = "Sportello polifunzionale",
        // The notice of start (art. 8 c.2) as the desk builds it: every element, per procedure.
        ["procedures"] = new JsonArray(new JsonObject
        {
            ["name"] = "Contributo per l'affitto", ["agency"] = "Comune di Limbiate", ["office"] = "Servizi sociali", ["officer"] = "dott.ssa Anna Bianchi",
            ["due_date"] = "2026-12-23", ["silence_assent"] = true, ["substitute_authority"] = "Il Segretario generale",
            ["substitute_authority_to"] = "al Segretario generale",
            ["term_text"] = new JsonObject { ["it"] = "30 giorni", ["en"] = "30 days" },
            ["substitute_term_text"] = new JsonObject { ["it"] = "15 giorni", ["en"] = "15 days" },
            ["delay_indemnity"] = false, ["office_email"] = "sociali@comune.example.it",
        }),
    };

    private static async Task<TimeSpan> Direct(ServiceProvider services, SmtpServer smtp, int count)
    {
        var renderer = services.GetRequiredService<TemplateRenderer>();
        var messages = Enumerable.Range(0, count).Select(i =>
        {
            var rendered = renderer.Render("case-received", "it", Model(i));
            var message = new MimeMessage { Subject = rendered.Subject, MessageId = $"{Guid.NewGuid()}@caseflow.local" };
            message.From.Add(new MailboxAddress("Sportello CaseFlow", "noreply@caseflow.local"));
            message.To.Add(new MailboxAddress("Maria Rossi", "maria.rossi@example.it"));
            message.Body = new BodyBuilder { TextBody = rendered.Text, HtmlBody = rendered.Html }.ToMessageBody();
            return message;
        }).ToList();

        var clock = Stopwatch.StartNew();
        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host, smtp.Port, SecureSocketOptions.None);
        foreach (var message in messages)
        {
            await client.SendAsync(message);
        }

        await client.DisconnectAsync(quit: true);
        return clock.Elapsed;
    }

    private static async Task<(TimeSpan Enqueue, TimeSpan Dispatch)> ThroughOutbox(
        ServiceProvider services, NpgsqlDataSource dataSource, int count, int dispatchers, string prefix)
    {
        var outbox = services.GetRequiredService<IOutbox>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            var message = new OutboxMessage($"bench:{prefix}:{i}", "case-received", "it", "maria.rossi@example.it", "Maria Rossi", Model(i), null);
            await outbox.EnqueueAsync(transaction, message, CancellationToken.None);
            await transaction.CommitAsync();
        }

        var enqueue = clock.Elapsed;
        clock.Restart();
        var dispatcher = services.GetRequiredService<OutboxDispatcher>();
        var claimed = await Task.WhenAll(Enumerable.Range(0, dispatchers).Select(_ => Task.Run(() => dispatcher.DispatchAsync(CancellationToken.None))));
        var dispatch = clock.Elapsed;
        if (claimed.Sum() != count)
        {
            throw new InvalidOperationException($"dispatched {claimed.Sum()} of {count}");
        }

        return (enqueue, dispatch);
    }

    private sealed class NullTransport : IMailTransport, IMailSession
    {
        public IMailSession OpenSession() => this;

        public Task<DeliveryResult> SendAsync(MimeMessage message, CancellationToken ct) => Task.FromResult(DeliveryResult.Sent);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
