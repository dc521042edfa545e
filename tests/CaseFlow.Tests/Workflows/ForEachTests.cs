using System.Text.Json.Nodes;
using CaseFlow.Workflows.Runtime;
using static CaseFlow.Tests.Workflows.Def;

namespace CaseFlow.Tests.Workflows;

/// <summary>Elsa's ForEach and ParallelForEach in a flowchart; waits inside iterations are bookmarks in PostgreSQL.</summary>
public class ForEachTests(RuntimeFixture fixture) : IClassFixture<RuntimeFixture>
{
    private static JsonObject Loop(string id, string type, string itemsScript, JsonObject body)
    {
        var loop = Activity(id, type, ("items", Js(itemsScript)));
        loop["body"] = body;
        return loop;
    }

    private static JsonObject BodyFlowchart(JsonObject[] activities, params (string From, string Port, string To)[] connections) => new()
    {
        ["type"] = "Elsa.Flowchart",
        ["id"] = "body1",
        ["activities"] = new JsonArray([.. activities.Select(a => (JsonNode)a)]),
        ["connections"] = new JsonArray([.. connections.Select(c => (JsonNode)new JsonObject
        {
            ["source"] = new JsonObject { ["activity"] = c.From, ["port"] = c.Port },
            ["target"] = new JsonObject { ["activity"] = c.To, ["port"] = "In" },
        })]),
    };

    private static JsonObject Print(string id, string script) => Activity(id, "Elsa.WriteLine", ("text", Js(script, "String")));

    private static JsonObject Opinion(string id) => Activity(id, "CaseFlow.OfficeTask",
        ("office", Js("getCurrentValue()", "String")), ("title", Js("'Parere ' + getCurrentValue()", "String")),
        ("outcomes", Expression("Literal", "[\"Favorevole\",\"Contrario\"]", "String[]")));

    private async Task<List<string>> LinesAsync(string instanceId, string activityId)
    {
        var lines = new List<string>();
        await using var connection = new Npgsql.NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT message FROM workflow_journal WHERE instance_id = @id AND activity_id = @activity AND event_name = 'Completed' ORDER BY id", connection);
        command.Parameters.AddWithValue("id", instanceId);
        command.Parameters.AddWithValue("activity", activityId);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }

    [Fact]
    public async Task ForEach_outputs_each_iteration_in_order_then_continues()
    {
        var instance = await fixture.RunAsync(Flowchart("foreach-lines",
            [Start(), Loop("each", "Elsa.ForEach", "['C#', 'Rust', 'Go']", Print("print", "getCurrentIndex() + ':' + getCurrentValue()")), Print("after", "'fine'"), End()],
            [("start", "Done", "each"), ("each", "Done", "after"), ("after", "Done", "end")]));

        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        Assert.Equal(["0:C#", "1:Rust", "2:Go"], await LinesAsync(instance.Id, "print"));
        Assert.Equal(["fine"], await LinesAsync(instance.Id, "after"));
    }

    [Fact]
    public async Task ForEach_binds_the_current_value_to_a_variable_and_an_empty_list_goes_straight_on()
    {
        var loop = Loop("each", "Elsa.ForEach", "getInput('elenco')", Print("print", "getUltimo()"));
        loop["currentValue"] = new JsonObject { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = "Ultimo" } };
        var definition = Flowchart("foreach-bound", [Start(), loop, Print("after", "'fine'"), End()],
            [("start", "Done", "each"), ("each", "Done", "after"), ("after", "Done", "end")], "Ultimo");

        var full = await fixture.RunAsync(definition, new JsonObject { ["elenco"] = new JsonArray("a", "b") });
        var empty = await fixture.RunAsync(definition, new JsonObject { ["elenco"] = new JsonArray() });

        Assert.Equal(["a", "b"], await LinesAsync(full.Id, "print"));
        Assert.Equal("b", full.Variables["Ultimo"]!.GetValue<string>());
        Assert.Equal(WorkflowSubStatus.Finished, empty.SubStatus);
        Assert.Empty(await LinesAsync(empty.Id, "print"));
        Assert.Equal(["fine"], await LinesAsync(empty.Id, "after"));
    }

    [Fact]
    public async Task ForEach_waits_in_one_iteration_at_a_time_across_steps()
    {
        var body = BodyFlowchart([Opinion("opinion"), Print("noted", "'parere ' + getCurrentValue()")], ("opinion", "Favorevole", "noted"), ("opinion", "Contrario", "noted"));
        var instance = await fixture.RunAsync(Flowchart("foreach-wait",
            [Start(), Loop("each", "Elsa.ForEach", "['asl', 'inps']", body), Print("after", "'tutti'"), End()],
            [("start", "Done", "each"), ("each", "Done", "after"), ("after", "Done", "end")]));

        Assert.Equal("asl", Assert.Single(instance.Bookmarks).Payload["office"]!.GetValue<string>());
        instance = await fixture.ResumeAsync(instance, "opinion", new JsonObject { ["outcome"] = "Favorevole" });
        Assert.Equal("inps", Assert.Single(instance.Bookmarks).Payload["office"]!.GetValue<string>());
        Assert.Empty(await LinesAsync(instance.Id, "after"));

        instance = await fixture.ResumeAsync(instance, "opinion", new JsonObject { ["outcome"] = "Contrario" });

        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        Assert.Equal(["parere asl", "parere inps"], await LinesAsync(instance.Id, "noted"));
        Assert.Equal(["tutti"], await LinesAsync(instance.Id, "after"));
    }

    [Fact]
    public async Task ParallelForEach_asks_every_office_at_once_and_joins_when_all_have_answered()
    {
        var body = BodyFlowchart([Opinion("opinion"), Print("noted", "getCurrentIndex() + ':' + getCurrentValue()")], ("opinion", "Favorevole", "noted"), ("opinion", "Contrario", "noted"));
        var instance = await fixture.RunAsync(Flowchart("parallel-opinions",
            [Start(), Loop("each", "Elsa.ParallelForEach", "['asl-commissione', 'inps', 'provincia']", body), Print("after", "'tutti i pareri'"), End()],
            [("start", "Done", "each"), ("each", "Done", "after"), ("after", "Done", "end")]));

        Assert.Equal(["asl-commissione", "inps", "provincia"], instance.Bookmarks.Select(b => b.Payload["office"]!.GetValue<string>()).Order().ToArray());
        Assert.Equal(3L, await fixture.ScalarAsync<long>("SELECT count(*) FROM workflow_bookmarks WHERE instance_id = @id", ("id", instance.Id)));
        foreach (var office in new[] { "provincia", "asl-commissione" })
        {
            var bookmark = instance.Bookmarks.Single(b => b.Payload["office"]!.GetValue<string>() == office);
            instance = await fixture.Runtime.ResumeAsync(instance.Id, bookmark.Id, new JsonObject { ["outcome"] = "Favorevole" }, CancellationToken.None);
            Assert.Equal(WorkflowSubStatus.Suspended, instance.SubStatus);
        }

        Assert.Empty(await LinesAsync(instance.Id, "after"));
        var last = Assert.Single(instance.Bookmarks);
        instance = await fixture.Runtime.ResumeAsync(instance.Id, last.Id, new JsonObject { ["outcome"] = "Contrario" }, CancellationToken.None);

        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        Assert.Equal(["0:asl-commissione", "1:inps", "2:provincia"], (await LinesAsync(instance.Id, "noted")).Order().ToArray());
        Assert.Equal(["tutti i pareri"], await LinesAsync(instance.Id, "after"));
    }

    [Fact]
    public async Task An_End_inside_the_body_completes_the_iteration_not_the_workflow()
    {
        var body = BodyFlowchart([Decision("skip", "getCurrentValue() == 2"), Activity("stop", "Elsa.End"), Print("print", "'' + getCurrentValue()")],
            ("skip", "True", "stop"), ("skip", "False", "print"));
        var instance = await fixture.RunAsync(Flowchart("foreach-end",
            [Start(), Loop("each", "Elsa.ForEach", "[1, 2, 3]", body), Print("after", "'fine'"), End()],
            [("start", "Done", "each"), ("each", "Done", "after"), ("after", "Done", "end")]));

        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        Assert.Equal(["1", "3"], await LinesAsync(instance.Id, "print"));
        Assert.Equal(["fine"], await LinesAsync(instance.Id, "after"));
    }
}
