using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CaseFlow.ServiceDefaults.Changes;
using CaseFlow.Tests.Infrastructure;
using CaseFlow.Workflows.Definitions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using static CaseFlow.Tests.Workflows.Def;

namespace CaseFlow.Tests.Foundation;

/// <summary>
/// Definitions and API keys are read on every intake and request, and change rarely: each host keeps them in memory
/// and drops them when any host's write commits. These tests hold the caches to "never stale after a commit".
/// </summary>
public class ChangeFeedTests
{
    [Fact]
    public async Task A_cached_value_is_read_once_until_its_topic_is_signalled_and_then_read_again()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestCluster.CreateDatabaseAsync());
        using var feed = await LiveFeedAsync(dataSource);
        var cache = new ChangeAwareCache<string, string>(feed, "topic-a");
        var loads = 0;
        Task<string?> Load(CancellationToken _) => Task.FromResult<string?>($"value {Interlocked.Increment(ref loads)}");

        Assert.Equal("value 1", await cache.GetAsync("k", Load, CancellationToken.None));
        Assert.Equal("value 1", await cache.GetAsync("k", Load, CancellationToken.None));
        await NotifyAsync(dataSource, "topic-b");
        await NotifyAsync(dataSource, "topic-a");

        await Eventually.True(async () => await cache.GetAsync("k", Load, CancellationToken.None) == "value 2", TimeSpan.FromSeconds(10),
            "the signal of another session's commit reaches the feed");
        Assert.Equal(2, loads);
    }

    [Fact]
    public async Task A_value_read_while_its_topic_changed_is_served_once_and_not_kept()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestCluster.CreateDatabaseAsync());
        using var feed = await LiveFeedAsync(dataSource);
        var cache = new ChangeAwareCache<string, string>(feed, "topic");
        var loads = 0;

        // The first read overlaps a commit: what it read may predate it.
        var first = await cache.GetAsync("k", async _ =>
        {
            Interlocked.Increment(ref loads);
            var before = feed.GenerationOf("topic");
            await NotifyAsync(dataSource, "topic");
            await Eventually.True(() => Task.FromResult(feed.GenerationOf("topic") != before), TimeSpan.FromSeconds(10), "the signal arrives");
            return "possibly stale";
        }, CancellationToken.None);
        var second = await cache.GetAsync("k", _ => Task.FromResult<string?>($"fresh {Interlocked.Increment(ref loads)}"), CancellationToken.None);

        Assert.Equal("possibly stale", first);
        Assert.Equal("fresh 2", second);
    }

    [Fact]
    public async Task With_the_feed_down_every_read_goes_to_the_database()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestCluster.CreateDatabaseAsync());
        using var feed = new ChangeFeed(dataSource, NullLogger<ChangeFeed>.Instance); // never started
        var cache = new ChangeAwareCache<string, string>(feed, "topic");
        var loads = 0;

        for (var i = 0; i < 3; i++)
        {
            await cache.GetAsync("k", _ => Task.FromResult<string?>($"value {Interlocked.Increment(ref loads)}"), CancellationToken.None);
        }

        Assert.Equal(3, loads);
    }

    [Fact]
    public async Task A_definition_published_through_one_host_is_what_the_other_host_starts_next()
    {
        var connectionString = await TestCluster.CreateDatabaseAsync();
        var quiet = new Dictionary<string, string?> { ["Jobs:RunServer"] = "false" };
        await using var designerHost = new CaseFlowApp(connectionString, quiet);
        await using var deskHost = new CaseFlowApp(connectionString, quiet);
        var designerStore = designerHost.Services.GetRequiredService<DefinitionStore>();
        var deskStore = deskHost.Services.GetRequiredService<DefinitionStore>();
        await Eventually.True(() => Task.FromResult(deskHost.Services.GetRequiredService<ChangeFeed>().IsLive), TimeSpan.FromSeconds(30), "the desk host listens");

        await designerStore.SaveAsync(Flowchart("cached", [Start(), End()], [("start", "Done", "end")]), publish: true, "test", CancellationToken.None);
        Assert.Equal(1, (await deskStore.FindAsync("cached", VersionOptions.Published, CancellationToken.None))!.Version);
        Assert.Equal(1, (await deskStore.FindAsync("cached", VersionOptions.Published, CancellationToken.None))!.Version);

        var second = Flowchart("cached", [Start(), End()], [("start", "Done", "end")]);
        second["name"] = "cached, second version";
        await designerStore.SaveAsync(second, publish: true, "test", CancellationToken.None);

        var seen = await Eventually.Get(async () => (await deskStore.FindAsync("cached", VersionOptions.Published, CancellationToken.None))!.Version, v => v == 2,
            TimeSpan.FromSeconds(10), "the desk host sees the newly published version");
        Assert.Equal(2, seen);
        // The publishing host itself never waits for the signal.
        Assert.Equal(2, (await designerStore.FindAsync("cached", VersionOptions.Published, CancellationToken.None))!.Version);
    }

    [Fact]
    public async Task A_key_revoked_through_one_host_is_refused_by_the_other_host_that_had_it_in_memory()
    {
        var connectionString = await TestCluster.CreateDatabaseAsync();
        var quiet = new Dictionary<string, string?> { ["Jobs:RunServer"] = "false" };
        await using var first = new CaseFlowApp(connectionString, quiet);
        await using var second = new CaseFlowApp(connectionString, quiet);
        var admin = first.CreateAdminClient();
        var created = await admin.PostAsJsonAsync("/api/admin/api-keys", new { name = "integration", roles = new[] { "supervisor" } });
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var key = body.RootElement.GetProperty("key").GetString()!;
        var id = body.RootElement.GetProperty("id").GetString()!;
        var client = second.CreateClient(key);
        await Eventually.True(() => Task.FromResult(second.Services.GetRequiredService<ChangeFeed>().IsLive), TimeSpan.FromSeconds(30), "the second host listens");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/procedures")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/procedures")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/admin/api-keys/{id}")).StatusCode);

        await Eventually.True(async () => (await client.GetAsync("/api/procedures")).StatusCode == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(10),
            "the second host refuses the revoked key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await first.CreateClient(key).GetAsync("/api/procedures")).StatusCode);
    }

    private static async Task<ChangeFeed> LiveFeedAsync(NpgsqlDataSource dataSource)
    {
        var feed = new ChangeFeed(dataSource, NullLogger<ChangeFeed>.Instance);
        await feed.StartAsync(CancellationToken.None);
        await Eventually.True(() => Task.FromResult(feed.IsLive), TimeSpan.FromSeconds(30), "the feed listens");
        return feed;
    }

    private static async Task NotifyAsync(NpgsqlDataSource dataSource, string topic)
    {
        await using var command = dataSource.CreateCommand($"SELECT pg_notify('{ChangeFeed.Channel}', @topic)");
        command.Parameters.AddWithValue("topic", topic);
        await command.ExecuteNonQueryAsync();
    }
}
