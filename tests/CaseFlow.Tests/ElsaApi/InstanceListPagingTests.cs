using System.Net;
using System.Text.Json.Nodes;
using Npgsql;
using static CaseFlow.Tests.Workflows.Def;

namespace CaseFlow.Tests.ElsaApi;

/// <summary>The instance list grows with every case: pages by key for API clients, a size cap, a bounded count.</summary>
public class InstanceListPagingTests(ElsaApiFixture fixture) : IClassFixture<ElsaApiFixture>
{
    private async Task<string> DefinitionWithInstancesAsync(int count)
    {
        var model = Flowchart(ElsaApiFixture.NewId("pagine"), [Start(), End()], [("start", "Done", "end")]);
        var definitionId = (await fixture.Admin.SaveAsync(model, publish: true))["definitionId"]!.GetValue<string>();
        for (var i = 0; i < count; i++)
        {
            var reply = await fixture.Admin.PostJsonAsync($"/workflow-definitions/{definitionId}/execute", new JsonObject());
            Assert.Equal(HttpStatusCode.OK, reply.Status);
        }

        return definitionId;
    }

    private static string[] Ids(ElsaHttp.Reply reply) => [.. reply.Json["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>())];

    [Fact]
    public async Task Following_the_next_cursor_reads_every_instance_once_newest_first_and_the_last_page_has_no_cursor()
    {
        var definitionId = await DefinitionWithInstancesAsync(5);
        var all = Ids(await fixture.Admin.GetJsonAsync($"/workflow-instances?definitionId={definitionId}"));

        var first = await fixture.Admin.GetJsonAsync($"/workflow-instances?definitionId={definitionId}&pageSize=2");
        var cursor = first.Response.Headers.GetValues("X-Next-Cursor").Single();
        Assert.Contains("rel=\"next\"", first.Response.Headers.GetValues("Link").Single());
        Assert.Equal(5, first.Json["totalCount"]!.GetValue<long>());
        var second = await fixture.Admin.GetJsonAsync($"/workflow-instances?definitionId={definitionId}&pageSize=2&after={cursor}");
        var third = await fixture.Admin.PostJsonAsync("/workflow-instances", new JsonObject
        {
            ["definitionId"] = definitionId, ["pageSize"] = 2, ["after"] = second.Response.Headers.GetValues("X-Next-Cursor").Single(),
        });

        Assert.Equal(5, all.Length);
        Assert.Equal(all, Ids(first).Concat(Ids(second)).Concat(Ids(third)).ToArray());
        Assert.Single(Ids(third));
        Assert.False(third.Response.Headers.Contains("X-Next-Cursor"));
        var created = all.Select(async id => (await fixture.Admin.GetJsonAsync($"/workflow-instances/{id}")).Json["createdAt"]!.GetValue<DateTimeOffset>());
        var times = await Task.WhenAll(created);
        Assert.Equal(times.OrderDescending().ToArray(), times);
    }

    [Fact]
    public async Task A_cursor_that_is_not_one_or_that_follows_another_order_is_refused_naming_after()
    {
        var garbage = await fixture.Admin.GetJsonAsync("/workflow-instances?after=not-a-cursor");
        var otherOrder = await fixture.Admin.PostJsonAsync("/workflow-instances", new JsonObject { ["orderBy"] = "Name", ["after"] = "eyJ9" });

        Assert.Equal(HttpStatusCode.BadRequest, garbage.Status);
        Assert.NotNull(garbage.Json["errors"]!["after"]);
        Assert.Equal(HttpStatusCode.BadRequest, otherOrder.Status);
        Assert.NotNull(otherOrder.Json["errors"]!["after"]);
    }

    [Fact]
    public async Task A_page_after_a_cursor_starts_reading_the_creation_index_at_the_cursor_among_twenty_thousand_instances()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        // 20,000 instances, analysed, rolled back at the end; the definition they name need not exist for the planner.
        await using (var load = new NpgsqlCommand("""
            SET LOCAL session_replication_role = replica;
            INSERT INTO workflow_instances (id, definition_id, definition_version_id, version, status, sub_status, state, incident_count, created_at, updated_at)
            SELECT 'piano' || i, 'piano', 'piano-v1', 1, 'Running', 'Suspended', '{}', 0, now() - i * interval '1 second', now()
              FROM generate_series(1, 20000) i;
            ANALYZE workflow_instances;
            EXPLAIN SELECT id FROM workflow_instances WHERE (created_at, id) < (now() - interval '5000 seconds', 'piano5000')
              ORDER BY created_at DESC NULLS LAST, id DESC LIMIT 51;
            """, connection, transaction))
        {
            var plan = new List<string>();
            await using var reader = await load.ExecuteReaderAsync();
            do
            {
                while (await reader.ReadAsync())
                {
                    plan.Add(reader.GetString(0));
                }
            }
            while (await reader.NextResultAsync());

            var text = string.Join("\n", plan);
            Assert.Contains("workflow_instances_created", text);
            Assert.Contains("Index Cond", text);
            Assert.DoesNotContain("Sort", text);
        }
    }
}
