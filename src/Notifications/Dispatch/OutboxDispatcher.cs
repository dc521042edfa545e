using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CaseFlow.Notifications.Dispatch;

/// <summary>
/// Claims due outbox rows in batches and sends each batch over one session of the transport, then records each
/// row's outcome. Safe to run in parallel (in one host or many): rows are claimed with <c>FOR UPDATE SKIP LOCKED</c>.
/// </summary>
public sealed class OutboxDispatcher(
    OutboxStore store,
    IMailTransport transport,
    MimeMessageFactory messages,
    IOptions<NotificationsOptions> options,
    TimeProvider time,
    IServiceProvider services,
    ILogger<OutboxDispatcher> logger)
{
    /// <summary>Sends everything due now; returns how many rows were claimed.</summary>
    /// <param name="recoverExpiredLeases">First recover the claims of dead dispatchers (the sweep does; a signalled pass need not).</param>
    public async Task<int> DispatchAsync(CancellationToken ct, bool recoverExpiredLeases = true)
    {
        if (recoverExpiredLeases)
        {
            var (requeued, uncertain) = await store.RecoverExpiredLeasesAsync(time.GetUtcNow(), ct);
            if (requeued + uncertain > 0)
            {
                logger.LogWarning("Recovered expired outbox claims: {Requeued} requeued, {Uncertain} marked uncertain", requeued, uncertain);
            }
        }

        var total = 0;
        TimeSpan? earliestRetry = null;
        while (!ct.IsCancellationRequested)
        {
            var batch = await store.ClaimAsync(options.Value.BatchSize, time.GetUtcNow(), options.Value.Lease, ct);
            if (batch.Count == 0)
            {
                break;
            }

            total += batch.Count;
            var retryIn = await SendBatchAsync(batch, ct);
            earliestRetry = retryIn is null ? earliestRetry : TimeSpan.FromTicks(Math.Min(retryIn.Value.Ticks, (earliestRetry ?? retryIn.Value).Ticks));
            if (batch.Count < options.Value.BatchSize)
            {
                break;
            }
        }

        if (earliestRetry is { } delay)
        {
            // The sweep would find the retries too; a delayed job keeps short back-offs short.
            services.GetService<IBackgroundJobClient>()?.Schedule<OutboxDispatchJob>(job => job.RunAsync(CancellationToken.None), delay);
        }

        return total;
    }

    private async Task<TimeSpan?> SendBatchAsync(IReadOnlyList<ClaimedMessage> batch, CancellationToken ct)
    {
        TimeSpan? earliestRetry = null;
        await using var session = transport.OpenSession();
        await using var connection = await store.OpenConnectionAsync(CancellationToken.None);
        string? connectError = null;
        // Outcomes wait to travel with the next row's "send started", one round trip per message. Should the process
        // die in between, the unrecorded row has send_started_at and turns uncertain: conservative, never a duplicate.
        var pending = new List<NpgsqlBatchCommand>();
        foreach (var row in batch)
        {
            DeliveryResult result;
            if (connectError is not null)
            {
                // The server could not be reached for an earlier row of this batch: do not knock again and again.
                result = new DeliveryResult(DeliveryOutcome.Retry, connectError);
            }
            else
            {
                pending.Add(OutboxStore.SendStarted(row, time.GetUtcNow()));
                var changed = await store.ExecuteAsync(connection, pending, CancellationToken.None);
                pending.Clear();
                if (changed[^1] == 0)
                {
                    // The lease expired and the row was recovered elsewhere: it is no longer ours to send.
                    logger.LogWarning("Lost the claim on notification {NotificationId}; not sending it", row.Id);
                    continue;
                }

                result = messages.TryCreate(row, out var message, out var invalid)
                    ? await session.SendAsync(message, ct)
                    : new DeliveryResult(DeliveryOutcome.Failed, invalid);
                if (result.ServerUnreachable)
                {
                    connectError = result.Error;
                }
            }

            var (command, delay) = Decide(row, result);
            pending.Add(command);
            earliestRetry = delay is null ? earliestRetry : TimeSpan.FromTicks(Math.Min(delay.Value.Ticks, (earliestRetry ?? delay.Value).Ticks));
        }

        // Written even when the job is being cancelled: losing an outcome would turn a sent message into an uncertain one.
        await store.ExecuteAsync(connection, pending, CancellationToken.None);
        return earliestRetry;
    }

    private (NpgsqlBatchCommand Command, TimeSpan? RetryIn) Decide(ClaimedMessage row, DeliveryResult result)
    {
        var now = time.GetUtcNow();
        switch (result.Outcome)
        {
            case DeliveryOutcome.Sent:
                logger.LogInformation("Sent notification {NotificationId} for case {CaseId}", row.Id, row.CaseId);
                return (OutboxStore.Sent(row, now), null);
            case DeliveryOutcome.Uncertain:
                logger.LogWarning("Notification {NotificationId} is uncertain: {Reason}", row.Id, result.Error);
                return (OutboxStore.Uncertain(row, now, result.Error ?? ""), null);
            case DeliveryOutcome.Failed:
                logger.LogWarning("Notification {NotificationId} was refused: {Reason}", row.Id, result.Error);
                return (OutboxStore.Failed(row, now, result.Error ?? ""), null);
            default:
                var delay = Backoff(row.Attempts);
                var settings = options.Value;
                if (now + delay > row.FirstAttemptAt + settings.RetryFor || settings.MaxAttempts > 0 && row.Attempts >= settings.MaxAttempts)
                {
                    logger.LogWarning("Notification {NotificationId} failed after {Attempts} attempts since {FirstAttempt}: {Reason}", row.Id, row.Attempts,
                        row.FirstAttemptAt, result.Error);
                    return (OutboxStore.Failed(row, now, $"Gave up after {row.Attempts} attempts since {row.FirstAttemptAt:O}: {result.Error}"), null);
                }

                logger.LogInformation("Notification {NotificationId} will be retried in {Delay}: {Reason}", row.Id, delay, result.Error);
                return (OutboxStore.Retry(row, now, now + delay, result.Error ?? ""), delay);
        }
    }

    /// <summary>Base delay doubled per attempt already made, capped.</summary>
    public TimeSpan Backoff(int attempts)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        var ticks = Math.Min(options.Value.RetryBaseDelay.Ticks * factor, options.Value.RetryMaxDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
