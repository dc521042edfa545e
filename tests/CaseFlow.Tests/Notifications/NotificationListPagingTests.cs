using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CaseFlow.Tests.Notifications;

/// <summary>GET /api/notifications pages by key: the messages of a busy desk are read a page at a time.</summary>
public class NotificationListPagingTests
{
    [Fact]
    public async Task Following_the_next_cursor_lists_a_cases_messages_once_newest_first_and_a_bad_cursor_is_refused_naming_after()
    {
        await using var host = await NotificationsHost.StartAsync();
        var caseId = Guid.NewGuid();
        for (var i = 0; i < 5; i++)
        {
            Assert.True(await host.EnqueueAsync(NotificationsHost.Message($"case:{caseId}:step-{i}", caseId: caseId)));
        }

        using var client = host.App.CreateAdminClient();
        var pages = new List<Guid[]>();
        var url = $"/api/notifications?caseId={caseId}&limit=2";
        var links = new List<string>();
        while (true)
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            pages.Add([.. body.RootElement.EnumerateArray().Select(m => m.GetProperty("id").GetGuid())]);
            if (!response.Headers.TryGetValues("X-Next-Cursor", out var next))
            {
                break;
            }

            links.Add(response.Headers.GetValues("Link").Single());
            url = $"/api/notifications?caseId={caseId}&limit=2&after={next.Single()}";
        }

        using var all = JsonDocument.Parse(await client.GetStringAsync($"/api/notifications?caseId={caseId}"));
        var everything = all.RootElement.EnumerateArray().Select(m => (Id: m.GetProperty("id").GetGuid(), At: m.GetProperty("createdAt").GetDateTimeOffset())).ToArray();
        Assert.Equal([2, 2, 1], pages.Select(p => p.Length));
        Assert.Equal(everything.Select(m => m.Id).ToArray(), pages.SelectMany(p => p).ToArray());
        Assert.Equal(everything.Select(m => m.At).OrderDescending().ToArray(), everything.Select(m => m.At).ToArray());
        Assert.All(links, link => Assert.Contains("rel=\"next\"", link));

        using var refused = await client.GetAsync("/api/notifications?after=nonsense");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.NotNull(JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["errors"]!["after"]);
    }
}
