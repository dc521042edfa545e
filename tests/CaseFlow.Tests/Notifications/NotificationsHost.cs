using System.Text.Json.Nodes;
using CaseFlow.Notifications.Dispatch;
using CaseFlow.Notifications.Outbox;
using CaseFlow.Tests.Infrastructure;
using CaseFlow.Tests.Infrastructure.Smtp;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Npgsql;

namespace CaseFlow.Tests.Notifications;

/// <summary>A CaseFlow host on a fresh database, sending to an in-process SMTP server.</summary>
public sealed class NotificationsHost : IAsyncDisposable
{
    private readonly bool ownsSmtp;

    private NotificationsHost(SmtpServer smtp, CaseFlowApp app, bool ownsSmtp)
    {
        Smtp = smtp;
        App = app;
        this.ownsSmtp = ownsSmtp;
    }

    public SmtpServer Smtp { get; }

    public CaseFlowApp App { get; }

    public static async Task<NotificationsHost> StartAsync(IDictionary<string, string?>? extra = null, string? connectionString = null, SmtpServer? smtp = null)
    {
        var ownsSmtp = smtp is null;
        smtp ??= new SmtpServer();
        var settings = new Dictionary<string, string?>
        {
            ["Smtp:Host"] = smtp.Host,
            ["Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:RetryBaseDelay"] = "00:00:00.500",
            ["Notifications:RetryMaxDelay"] = "00:00:02",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var app = new CaseFlowApp(connectionString ?? await TestCluster.CreateDatabaseAsync(), settings);
        _ = app.Server;
        return new NotificationsHost(smtp, app, ownsSmtp);
    }

    public T Get<T>() where T : notnull => App.Services.GetRequiredService<T>();

    public static OutboxMessage Message(string key, string template = "case-received", string language = "it", Guid? caseId = null, JsonObject? model = null) =>
        new(key, template, language, "maria.rossi@example.it", "Maria Rossi", model ?? SampleModels.For(template), caseId);

    /// <summary>As the case layer does: enqueue inside its own transaction, commit, then signal.</summary>
    public async Task<bool> EnqueueAsync(OutboxMessage message, bool signal = true)
    {
        var outbox = Get<IOutbox>();
        await using var connection = await Get<NpgsqlDataSource>().OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var inserted = await outbox.EnqueueAsync(transaction, message, CancellationToken.None);
        await transaction.CommitAsync();
        if (signal)
        {
            outbox.SignalCommitted();
        }

        return inserted;
    }

    public Task<int> DispatchAsync() => Get<OutboxDispatcher>().DispatchAsync(CancellationToken.None);

    public async Task<(Guid Id, string Status, int Attempts, string? LastError)> RowAsync(string key)
    {
        await using var command = Get<NpgsqlDataSource>().CreateCommand(
            "SELECT id, status, attempts, last_error FROM outbox_messages WHERE deduplication_key = @key");
        command.Parameters.AddWithValue("key", key);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"no outbox row {key}");
        return (reader.GetGuid(0), reader.GetString(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3));
    }

    public Task<(Guid Id, string Status, int Attempts, string? LastError)> WaitForStatusAsync(string key, string status) =>
        Eventually.Get(() => RowAsync(key), r => r.Status == status, TimeSpan.FromSeconds(30), $"{key} is {status}");

    public static MimeMessage Parse(ReceivedMail mail) => MimeMessage.Load(new MemoryStream(mail.Data));

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        if (ownsSmtp)
        {
            await Smtp.DisposeAsync();
        }
    }
}
