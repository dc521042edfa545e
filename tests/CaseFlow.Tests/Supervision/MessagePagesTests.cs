using System.Net;
using System.Text.RegularExpressions;
using CaseFlow.Host.Auth;
using CaseFlow.Notifications.Operators;
using CaseFlow.ServiceDefaults.Outcomes;
using CaseFlow.Tests.Infrastructure;
using CaseFlow.Tests.Web;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CaseFlow.Tests.Supervision;

public sealed class MessagePagesFixture : AppFixture
{
    public const string Password = "prova-messaggi-1";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Auth:Users:0:UserName"] = "elena",
        ["Auth:Users:0:DisplayName"] = "Elena Verdi",
        ["Auth:Users:0:PasswordHash"] = PasswordHasher.Hash(Password),
        ["Auth:Users:0:Roles:0"] = "supervisor",
    };
}

/// <summary>
/// The supervisors' list of failed and uncertain messages, paged by key: the service walked page by page both ways,
/// and the page over HTTP with its links to the next page and to each message's case.
/// </summary>
public sealed partial class MessagePagesTests(MessagePagesFixture fixture) : IClassFixture<MessagePagesFixture>
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    private NotificationPages Pages => fixture.App.Services.GetRequiredService<NotificationPages>();

    /// <summary>Messages of one status, a new one every minute, three of them at the same instant (the key's tie).</summary>
    private async Task<List<(Guid Id, Guid? CaseId, DateTimeOffset CreatedAt)>> SeedAsync(string status, int count, string tag, Guid? caseId = null)
    {
        var rows = new List<(Guid, Guid?, DateTimeOffset)>();
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        for (var i = 0; i < count; i++)
        {
            var id = Guid.NewGuid();
            var at = Start.AddMinutes(i is 10 or 11 or 12 ? 10 : i);
            var owner = caseId is { } c && i % 2 == 0 ? c : (Guid?)null;
            await using var insert = new NpgsqlCommand("""
                INSERT INTO outbox_messages (id, deduplication_key, template, language, recipient_address, model, case_id, subject, html_body, text_body,
                                             message_id, status, attempts, next_attempt_at, last_error, created_at, updated_at)
                VALUES (@id, @key, 'case-received', 'it', @to, '{}', @case, @subject, '<p>x</p>', 'x', @mid, @status, 8, @at, 'errore di prova', @at, @at)
                """, connection);
            insert.Parameters.AddWithValue("id", id);
            insert.Parameters.AddWithValue("key", $"{tag}-{i}");
            insert.Parameters.AddWithValue("to", $"{tag}{i}@example.it");
            insert.Parameters.AddWithValue("case", (object?)owner ?? DBNull.Value);
            insert.Parameters.AddWithValue("subject", $"{tag} {i:00}");
            insert.Parameters.AddWithValue("mid", $"<{id}@caseflow.test>");
            insert.Parameters.AddWithValue("status", status);
            insert.Parameters.AddWithValue("at", at);
            await insert.ExecuteNonQueryAsync();
            rows.Add((id, owner, at));
        }

        return rows;
    }

    private async Task<IReadOnlyList<Guid>> NewestFirstAsync(string status)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id FROM outbox_messages WHERE status = @s ORDER BY created_at DESC, id DESC", connection);
        command.Parameters.AddWithValue("s", status);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<Guid>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    [Fact]
    public async Task The_service_walks_a_status_page_by_page_by_key_both_ways_with_ties_on_the_same_instant_and_no_row_twice()
    {
        await SeedAsync("sent", 23, "walk");
        var expected = await NewestFirstAsync("sent");

        var seen = new List<Guid>();
        var pages = new List<NotificationPage>();
        string? older = null;
        do
        {
            var page = (await Pages.PageAsync(new NotificationPageQuery("sent", Older: older, Size: 5), CancellationToken.None)).Value!;
            Assert.Equal(23, page.Total);
            Assert.Equal(pages.Count == 0, page.Newer is null);
            pages.Add(page);
            seen.AddRange(page.Items.Select(m => m.Id));
            older = page.Older;
        }
        while (older is not null);

        Assert.Equal([5, 5, 5, 5, 3], pages.Select(p => p.Items.Count));
        Assert.Equal(expected, seen);

        // Back from the last page: the fourth page exactly; back from the second: the first page.
        var back = (await Pages.PageAsync(new NotificationPageQuery("sent", Newer: pages[4].Newer, Size: 5), CancellationToken.None)).Value!;
        Assert.Equal(pages[3].Items.Select(m => m.Id), back.Items.Select(m => m.Id));
        Assert.Equal((pages[3].Older, pages[3].Newer), (back.Older, back.Newer));
        var first = (await Pages.PageAsync(new NotificationPageQuery("sent", Newer: pages[1].Newer, Size: 5), CancellationToken.None)).Value!;
        Assert.Equal(pages[0].Items.Select(m => m.Id), first.Items.Select(m => m.Id));
        Assert.Null(first.Newer);
    }

    [Fact]
    public async Task A_bad_status_size_or_page_key_is_a_problem_naming_its_field()
    {
        var status = await Pages.PageAsync(new NotificationPageQuery("lost"), CancellationToken.None);
        var size = await Pages.PageAsync(new NotificationPageQuery("failed", Size: 0), CancellationToken.None);
        var key = await Pages.PageAsync(new NotificationPageQuery("failed", Older: "12.not-a-guid"), CancellationToken.None);
        var both = await Pages.PageAsync(new NotificationPageQuery("failed", Older: "1.00000000000000000000000000000000", Newer: "1.00000000000000000000000000000000"),
            CancellationToken.None);

        Assert.Equal(("status", ProblemKind.Validation), (status.Problem!.Field, status.Problem.Kind));
        Assert.Equal("size", size.Problem!.Field);
        Assert.Equal("older", key.Problem!.Field);
        Assert.Equal("newer", both.Problem!.Field);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_page_from_its_key_starts_reading_the_status_index_at_the_key_not_at_the_newest_row(bool backwards)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        // The plan an outage's thousands of messages get: 20,000 failed ones, analysed, all rolled back at the end.
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var load = new NpgsqlCommand("""
            INSERT INTO outbox_messages (id, deduplication_key, template, language, recipient_address, model, subject, html_body, text_body,
                                         message_id, status, attempts, next_attempt_at, created_at, updated_at)
            SELECT gen_random_uuid(), 'piano-' || i, 'case-received', 'it', 'x@example.it', '{}', 'x', 'x', 'x', '<piano-' || i || '>', 'failed', 8,
                   @start, @start + i * interval '1 second', @start
              FROM generate_series(1, 20000) i;
            ANALYZE outbox_messages;
            """, connection, transaction))
        {
            load.Parameters.AddWithValue("start", Start);
            await load.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand("EXPLAIN " + NotificationPages.Sql(keyed: true, backwards), connection, transaction);
        explain.Parameters.AddWithValue("status", "failed");
        explain.Parameters.AddWithValue("limit", 26);
        explain.Parameters.AddWithValue("at", Start.AddSeconds(10000));
        explain.Parameters.AddWithValue("id", Guid.NewGuid());
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        await transaction.RollbackAsync();
        var text = string.Join('\n', plan);
        Assert.Contains("outbox_messages_status_idx", text);
        Assert.Matches(backwards ? @"Index Cond: \(\(status = .*\) AND \(created_at >= " : @"Index Cond: \(\(status = .*\) AND \(created_at <= ", text);
        // The index gives the order by created_at; at most the ties on one instant are sorted by id (an incremental sort), never the whole status.
        Assert.DoesNotMatch(@"(?m)^\s*(->\s+)?Sort\s+\(", text);
        Assert.Contains("Incremental Sort", text);
    }

    [Fact]
    public async Task The_messages_page_shows_25_failed_messages_a_page_links_the_next_page_by_key_and_each_message_to_its_case()
    {
        var caseId = Guid.NewGuid();
        var failed = await SeedAsync("failed", 30, "fallito", caseId);
        await SeedAsync("uncertain", 2, "incerto");
        var newestFirst = await NewestFirstAsync("failed");
        var browser = WebForms.For(fixture.App);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync("elena", MessagePagesFixture.Password)).StatusCode);

        var html = await browser.Client.GetStringAsync("/supervisione/messaggi");
        var table = Table(html, "failed");
        Assert.Equal(newestFirst.Take(25), RowIds(table));
        Assert.Contains("id=\"failed-total\">30<", html);
        Assert.DoesNotContain("id=\"failed-newer\"", html);
        Assert.Equal(2, RowIds(Table(html, "uncertain")).Count);
        Assert.DoesNotContain("id=\"uncertain-pages\"", html);

        // Each row of a case links its case page; a message of no case links nothing.
        foreach (var row in Rows(table))
        {
            var owner = failed.Single(f => f.Id == row.Id).CaseId;
            Assert.Equal(owner is null ? null : $"/sportello/pratiche/{owner}", CaseLink().Match(row.Html) is { Success: true } m ? m.Groups[1].Value : null);
        }

        var next = WebUtility.HtmlDecode(Href(html, "failed-older"));
        Assert.StartsWith("/supervisione/messaggi?failed-dopo=", next);
        var second = await browser.Client.GetStringAsync(next);
        Assert.Equal(newestFirst.Skip(25), RowIds(Table(second, "failed")));
        Assert.DoesNotContain("id=\"failed-older\"", second);
        Assert.Equal("/supervisione/messaggi", Href(second, "failed-first"));
        Assert.Equal(2, RowIds(Table(second, "uncertain")).Count);

        var back = await browser.Client.GetStringAsync(WebUtility.HtmlDecode(Href(second, "failed-newer")));
        Assert.Equal(newestFirst.Take(25), RowIds(Table(back, "failed")));

        // A key edited by hand shows the list from its start, not an error.
        var edited = await browser.Client.GetAsync("/supervisione/messaggi?failed-dopo=zzz");
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(newestFirst.Take(25), RowIds(Table(await edited.Content.ReadAsStringAsync(), "failed")));
    }

    private static string Table(string html, string status)
    {
        var start = html.IndexOf($"id=\"messages-{status}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no table of {status} messages");
        return html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)];
    }

    private static IReadOnlyList<(Guid Id, string Html)> Rows(string table) =>
        [.. RowPattern().Matches(table).Select(m => (Guid.Parse(m.Groups[1].Value), m.Groups[2].Value))];

    private static IReadOnlyList<Guid> RowIds(string table) => [.. Rows(table).Select(r => r.Id)];

    private static string Href(string html, string id) => Regex.Match(html, $"href=\"([^\"]+)\"[^>]*id=\"{id}\"").Groups[1].Value;

    [GeneratedRegex("<tr data-message=\"([0-9a-f-]{36})\">(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("href=\"(/sportello/pratiche/[0-9a-f-]{36})\"")]
    private static partial Regex CaseLink();
}
