using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CaseFlow.ServiceDefaults.Jobs;
using CaseFlow.Workflows.Activities.Http;
using CaseFlow.Workflows.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CaseFlow.Workflows.Timers;

/// <summary>
/// Sends the requests FlowSendHttpRequest waits on, run by the timer sweep. Each request is claimed alone, with a lease
/// longer than its timeout, and sent outside any transaction; a transient failure (no connection, a timeout, 408, 409,
/// 429, 500, 502, 503, 504) is tried again after <c>RetryDelay</c>, doubling, up to <c>MaxAttempts</c>; then the answer
/// (or the last failure) resumes the instance in a transaction of its own. Redirects are not followed, so an allowed host
/// cannot send the request elsewhere; the host is checked again before sending.
/// </summary>
public sealed class HttpRequestSweeper : IDisposable
{
    private const int MaxContentChars = 1_000_000;
    private static readonly HttpStatusCode[] Transient =
    [
        HttpStatusCode.RequestTimeout, HttpStatusCode.Conflict, HttpStatusCode.TooManyRequests, HttpStatusCode.InternalServerError,
        HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout,
    ];

    private readonly NpgsqlDataSource dataSource;
    private readonly WorkflowRuntime runtime;
    private readonly TimeProvider clock;
    private readonly IOptions<WorkflowsOptions> options;
    private readonly ILogger<HttpRequestSweeper> logger;
    private readonly DueRowClaimer<string> claimer;
    private readonly HttpClient client = new(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    };

    public HttpRequestSweeper(NpgsqlDataSource dataSource, WorkflowRuntime runtime, TimeProvider clock, IOptions<WorkflowsOptions> options, ILogger<HttpRequestSweeper> logger)
    {
        (this.dataSource, this.runtime, this.clock, this.options, this.logger) = (dataSource, runtime, clock, options, logger);
        // One request per claim, leased beyond its timeout: no other host sends it while this one may still be waiting.
        claimer = new DueRowClaimer<string>(dataSource, clock, "workflow_http_requests", "bookmark_id", "due_at <= @now", Http.Timeout + TimeSpan.FromSeconds(30), 1);
    }

    private WorkflowHttpOptions Http => options.Value.Http;

    /// <returns>How many requests ended (answered, or failed for good).</returns>
    public Task<int> SweepAsync(CancellationToken ct) => claimer.SweepAsync(SendAsync, TimeSpan.FromSeconds(50), logger, ct);

    private async Task<DueRowOutcome> SendAsync(string bookmarkId, CancellationToken ct)
    {
        string instanceId;
        int attempt;
        JsonObject request;
        await using (var read = dataSource.CreateCommand("""
            SELECT r.instance_id, r.attempt, b.payload->'data' FROM workflow_http_requests r JOIN workflow_bookmarks b ON b.id = r.bookmark_id WHERE r.bookmark_id = @b
            """))
        {
            read.Parameters.AddWithValue("b", bookmarkId);
            await using var reader = await read.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
            {
                return DueRowOutcome.Fired; // gone with its wait (the instance cancelled)
            }

            (instanceId, attempt, request) = (reader.GetString(0), reader.GetInt32(1), JsonNode.Parse(reader.GetString(2))!.AsObject());
        }

        JsonObject answer;
        try
        {
            FlowSendHttpRequest.Address(request["url"]?.GetValue<string>(), Http);
        }
        catch (Expressions.ExpressionException ex)
        {
            return await ResumeAsync(instanceId, bookmarkId, new JsonObject { ["refused"] = ex.Message }, ct);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Http.Timeout);
        try
        {
            using var response = await client.SendAsync(Build(request), HttpCompletionOption.ResponseContentRead, timeout.Token);
            if (Transient.Contains(response.StatusCode) && attempt < Http.MaxAttempts)
            {
                return await RetryLaterAsync(bookmarkId, attempt, $"{(int)response.StatusCode}", ct);
            }

            answer = await AnswerAsync(response, timeout.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            var failure = ex is OperationCanceledException ? FlowSendHttpRequest.Timeout : FlowSendHttpRequest.FailedToConnect;
            if (attempt < Http.MaxAttempts)
            {
                return await RetryLaterAsync(bookmarkId, attempt, failure, ct);
            }

            logger.LogWarning("HTTP request of instance {InstanceId} to {Url} failed for good after {Attempts} attempts: {Failure}", instanceId, request["url"], attempt, failure);
            answer = new JsonObject { ["failure"] = failure };
        }

        return await ResumeAsync(instanceId, bookmarkId, answer, ct);
    }

    private async Task<DueRowOutcome> ResumeAsync(string instanceId, string bookmarkId, JsonObject answer, CancellationToken ct)
    {
        try
        {
            await runtime.ResumeAsync(instanceId, bookmarkId, answer, ct);
        }
        catch (Exception ex) when (ex is BookmarkNotFoundException or InstanceStateConflictException or WorkflowNotFoundException)
        {
            // The wait went away while the request was out (the instance cancelled, or another host answered it).
        }

        return DueRowOutcome.Fired;
    }

    private async Task<DueRowOutcome> RetryLaterAsync(string bookmarkId, int attempt, string why, CancellationToken ct)
    {
        var delay = Http.RetryDelay * Math.Pow(2, attempt - 1);
        logger.LogInformation("HTTP request {BookmarkId}: attempt {Attempt} failed ({Why}); retrying in {Delay}", bookmarkId, attempt, why, delay);
        await using var update = dataSource.CreateCommand(
            "UPDATE workflow_http_requests SET attempt = attempt + 1, due_at = @due, claimed_by = NULL, claimed_until = NULL WHERE bookmark_id = @b");
        update.Parameters.AddWithValue("due", clock.GetUtcNow() + delay);
        update.Parameters.AddWithValue("b", bookmarkId);
        await update.ExecuteNonQueryAsync(ct);
        return DueRowOutcome.Fired;
    }

    private static HttpRequestMessage Build(JsonObject request)
    {
        var message = new HttpRequestMessage(new HttpMethod(request["method"]!.GetValue<string>()), request["url"]!.GetValue<string>());
        if (request["authorization"]?.GetValue<string>() is { Length: > 0 } authorization)
        {
            message.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
        }

        foreach (var (name, value) in request["headers"] as JsonObject ?? [])
        {
            message.Headers.TryAddWithoutValidation(name, value is JsonArray many ? many.Select(v => v?.ToString() ?? "") : [value?.ToString() ?? ""]);
        }

        // As Elsa: content is sent when both it and its type are given; text as it is, anything else as JSON.
        if (request["contentType"]?.GetValue<string>() is { Length: > 0 } contentType && request["content"] is { } content)
        {
            var text = content is JsonValue value && value.TryGetValue<string>(out var s) ? s : content.ToJsonString();
            message.Content = new StringContent(text, Encoding.UTF8, MediaTypeHeaderValue.Parse(contentType).MediaType!);
        }

        return message;
    }

    private static async Task<JsonObject> AnswerAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        text = text.Length > MaxContentChars ? text[..MaxContentChars] : text;
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        JsonNode? content = text.Length == 0 ? null : text;
        if (text.Length > 0 && (mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal)))
        {
            try
            {
                content = JsonNode.Parse(text);
            }
            catch (System.Text.Json.JsonException)
            {
                // Not the JSON it says it is: kept as text.
            }
        }

        var headers = new JsonObject();
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            headers[name] = new JsonArray([.. values.Select(v => (JsonNode)v)]);
        }

        return new JsonObject { ["statusCode"] = (int)response.StatusCode, ["content"] = content, ["headers"] = headers };
    }

    public void Dispose() => client.Dispose();
}
