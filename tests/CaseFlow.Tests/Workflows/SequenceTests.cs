using System.Text.Json.Nodes;
using CaseFlow.Workflows.Definitions;
using CaseFlow.Workflows.Runtime;
using static CaseFlow.Tests.Workflows.Def;

namespace CaseFlow.Tests.Workflows;

/// <summary>Elsa's Sequence as the root and inside a flowchart: children one after the other, waits durable.</summary>
public class SequenceTests(RuntimeFixture fixture) : IClassFixture<RuntimeFixture>
{
    private static JsonObject Line(string id, string text) => Activity(id, "Elsa.WriteLine", ("text", Literal(text)));

    private static JsonObject Sequence(string id, params JsonObject[] children)
    {
        var sequence = Activity(id, "Elsa.Sequence");
        sequence["activities"] = new JsonArray([.. children.Select(c => (JsonNode)c)]);
        return sequence;
    }

    private static JsonObject SequenceRoot(string definitionId, params JsonObject[] children)
    {
        var definition = Flowchart(definitionId, [], []);
        var root = Sequence("sequence1", children);
        root["nodeId"] = "Workflow1:sequence1";
        definition["root"] = root;
        return definition;
    }

    private async Task<List<string>> LinesAsync(InstanceSnapshot instance)
    {
        var journal = await fixture.JournalAsync(instance.Id);
        return [.. journal.Where(e => e.Event == "Completed" && e.ActivityId.StartsWith("line", StringComparison.Ordinal)).Select(e => e.ActivityId)];
    }

    [Fact]
    public async Task A_sequence_root_runs_its_activities_in_order()
    {
        var instance = await fixture.RunAsync(SequenceRoot("seq-root", Line("line1", "Line 1"), Line("line2", "Line 2"), Line("line3", "Line 3")));

        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        Assert.Equal(["line1", "line2", "line3"], await LinesAsync(instance));
    }

    [Fact]
    public async Task A_sequence_moves_on_whatever_outcome_a_child_completes_with_and_waits_durably_on_a_task()
    {
        var instance = await fixture.RunAsync(SequenceRoot("seq-wait",
            Line("line1", "prima"), Decision("d", "false"), OfficeTask("task", "ufficio-a", "Approvato", "Respinto"), Line("line2", "dopo")));
        Assert.Equal(WorkflowSubStatus.Suspended, instance.SubStatus);
        Assert.Equal(["line1"], await LinesAsync(instance));

        instance = await fixture.ResumeAsync(instance, "task", new JsonObject { ["outcome"] = "Respinto" });

        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        Assert.Equal(["line1", "line2"], await LinesAsync(instance));
    }

    [Fact]
    public async Task A_sequence_inside_a_flowchart_runs_its_children_before_what_follows_it()
    {
        var instance = await fixture.RunAsync(Flowchart("seq-inside",
            [Start(), Sequence("seq", Line("line1", "uno"), Sequence("inner", Line("line2", "due")), Line("line3", "tre")), Line("line4", "quattro"), End()],
            [("start", "Done", "seq"), ("seq", "Done", "line4"), ("line4", "Done", "end")]));

        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        Assert.Equal(["line1", "line2", "line3", "line4"], await LinesAsync(instance));
    }

    [Fact]
    public async Task An_unknown_activity_inside_a_sequence_is_reported_with_its_path()
    {
        var error = await Assert.ThrowsAsync<DefinitionValidationException>(() => fixture.PublishAsync(SequenceRoot("seq-bad", Line("line1", "uno"), Activity("x", "Elsa.NonEsiste"))));

        var problem = Assert.Single(error.Errors);
        Assert.Equal("root.activities[1].type", problem.Path);
        Assert.Equal("x", problem.ActivityId);
    }
}
