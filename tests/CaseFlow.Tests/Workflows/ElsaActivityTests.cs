using System.Text.Json.Nodes;
using CaseFlow.Workflows.Runtime;
using static CaseFlow.Tests.Workflows.Def;

namespace CaseFlow.Tests.Workflows;

/// <summary>Elsa's primitives and composition activities, each stated as Elsa's own tests state it.</summary>
public class ElsaActivityTests(RuntimeFixture fixture) : IClassFixture<RuntimeFixture>
{
    private static JsonObject WriteLine(string id, JsonObject text) => Activity(id, "Elsa.WriteLine", ("text", text));

    [Fact]
    public async Task SetOutput_assigns_a_workflow_output_kept_in_the_instance_state()
    {
        var instance = await fixture.RunAsync(Flowchart("set-output",
            [Start(), Activity("out", "Elsa.SetOutput", ("outputName", Literal("Esito")), ("outputValue", Js("'ammesso'"))), End()],
            [("start", "Done", "out"), ("out", "Done", "end")]));

        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        Assert.Equal("ammesso", await fixture.ScalarAsync<string>("SELECT state->'output'->>'Esito' FROM workflow_instances WHERE id = @id", ("id", instance.Id)));
    }

    [Fact]
    public async Task Complete_finishes_the_workflow_with_its_outcomes_and_cancels_what_still_waits()
    {
        var instance = await fixture.RunAsync(Flowchart("complete",
            [Start(), Fork("fork", "A", "B"), OfficeTask("waits", "ufficio-a", "Fatto"),
             Activity("complete", "Elsa.Complete", ("outcomes", Expression("Object", "[\"Archiviato\"]"))), WriteLine("never", Literal("mai"))],
            [("start", "Done", "fork"), ("fork", "A", "waits"), ("fork", "B", "complete"), ("waits", "Fatto", "never")]));

        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        Assert.Empty(instance.Bookmarks);
        var journal = await fixture.JournalAsync(instance.Id);
        Assert.Contains(("waits", "Cancelled"), journal);
        Assert.Equal("Archiviato", await fixture.ScalarAsync<string>(
            "SELECT message FROM workflow_journal WHERE instance_id = @id AND activity_id = 'complete' AND event_name = 'Completed'", ("id", instance.Id)));
    }

    [Fact]
    public async Task Fault_faults_the_instance_with_an_incident_carrying_its_message_and_stops_the_flow()
    {
        var instance = await fixture.RunAsync(Flowchart("fault",
            [Start(), Activity("fault", "Elsa.Fault", ("code", Literal("ISEE-01")), ("category", Literal("Business")), ("message", Literal("ISEE oltre la soglia"))),
             WriteLine("after", Literal("dopo"))],
            [("start", "Done", "fault"), ("fault", "Done", "after")]));

        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(WorkflowSubStatus.Faulted, instance.SubStatus);
        Assert.Equal("ISEE oltre la soglia", await fixture.ScalarAsync<string>("SELECT message FROM workflow_incidents WHERE instance_id = @id AND activity_id = 'fault'", ("id", instance.Id)));
        Assert.Equal(1, await fixture.ScalarAsync<int>("SELECT incident_count FROM workflow_instances WHERE id = @id", ("id", instance.Id)));
        Assert.DoesNotContain(await fixture.JournalAsync(instance.Id), e => e.ActivityId == "after");
    }

    [Fact]
    public async Task SetName_renames_the_instance()
    {
        var instance = await fixture.RunAsync(Flowchart("set-name",
            [Start(), Activity("name", "Elsa.SetName", ("value", Js("'Pratica ' + getInput('numero')", "String"))), End()],
            [("start", "Done", "name"), ("name", "Done", "end")]), new JsonObject { ["numero"] = 17 });

        Assert.Equal("Pratica 17", await fixture.ScalarAsync<string>("SELECT name FROM workflow_instances WHERE id = @id", ("id", instance.Id)));
    }

    [Theory]
    [InlineData(900, "Sotto soglia")]
    [InlineData(1500, "Sopra soglia")]
    public async Task RunJavaScript_follows_the_outcome_the_script_sets_and_binds_its_result_to_a_variable(int importo, string outcome)
    {
        var script = Activity("js", "Elsa.RunJavaScript",
            ("script", Js("const sopra = getInput('importo') > 1000; setOutcome(sopra ? 'Sopra soglia' : 'Sotto soglia'); return sopra ? 'verifica' : 'ok';")),
            ("possibleOutcomes", Expression("Literal", "[\"Sopra soglia\",\"Sotto soglia\"]", "String[]")),
            ("result", new JsonObject { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = "Esito" } }));
        var instance = await fixture.RunAsync(Flowchart("run-js",
            [Start(), script, WriteLine("below", Literal("sotto")), WriteLine("above", Literal("sopra"))],
            [("start", "Done", "js"), ("js", "Sotto soglia", "below"), ("js", "Sopra soglia", "above")], "Esito"), new JsonObject { ["importo"] = importo });

        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        var journal = await fixture.JournalAsync(instance.Id);
        Assert.Contains((outcome == "Sopra soglia" ? "above" : "below", "Completed"), journal);
        Assert.DoesNotContain(journal, e => e.ActivityId == (outcome == "Sopra soglia" ? "below" : "above"));
        Assert.Equal(importo > 1000 ? "verifica" : "ok", instance.Variables["Esito"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunJavaScript_without_an_outcome_completes_with_Done()
    {
        var instance = await fixture.RunAsync(Flowchart("run-js-done",
            [Start(), Activity("js", "Elsa.RunJavaScript", ("script", Js("setVariable('Visto', true);"))), End()],
            [("start", "Done", "js"), ("js", "Done", "end")], "Visto"));

        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        Assert.True(instance.Variables["Visto"]!.GetValue<bool>());
    }
}
