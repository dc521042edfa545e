using System.Text.Json.Nodes;
using CaseFlow.Workflows.Runtime;
using static CaseFlow.Tests.Workflows.Def;

namespace CaseFlow.Tests.Workflows;

public class FlowchartSemanticsTests(RuntimeFixture fixture) : IClassFixture<RuntimeFixture>
{
    [Fact]
    public async Task A_linear_flowchart_runs_to_the_end_and_journals_every_activity()
    {
        var instance = await fixture.RunAsync(Flowchart("linear",
            [Start(), Activity("hello", "Elsa.WriteLine", ("text", Literal("Buongiorno"))), End()],
            [("start", "Done", "hello"), ("hello", "Done", "end")]));

        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        var journal = await fixture.JournalAsync(instance.Id);
        Assert.Equal(
            [("start", "Started"), ("start", "Completed"), ("hello", "Started"), ("hello", "Completed"), ("end", "Started"), ("end", "Completed")],
            journal);
    }

    [Theory]
    [InlineData(5, "big")]
    [InlineData(1, "small")]
    public async Task A_decision_follows_one_branch_and_the_merge_after_it_is_not_blocked_by_the_untaken_one(int amount, string expected)
    {
        var instance = await fixture.RunAsync(Flowchart("decision",
            [
                Start(),
                Decision("isBig", "getInput('amount') > 3"),
                SetVariable("setBig", "size", Literal("big")),
                SetVariable("setSmall", "size", Literal("small")),
                Activity("merge", "Elsa.WriteLine", ("text", Liquid("size={{ Variables.size }}"))),
                End(),
            ],
            [("start", "Done", "isBig"), ("isBig", "True", "setBig"), ("isBig", "False", "setSmall"), ("setBig", "Done", "merge"), ("setSmall", "Done", "merge"), ("merge", "Done", "end")],
            "size"), new JsonObject { ["amount"] = amount });

        Assert.True(instance.SubStatus == WorkflowSubStatus.Finished,
            await fixture.ScalarAsync<string>("SELECT string_agg(message, '; ') FROM workflow_incidents WHERE instance_id = @id", ("id", instance.Id)));
        Assert.Equal(expected, instance.Variables["size"]!.GetValue<string>());
        var journal = await fixture.JournalAsync(instance.Id);
        Assert.Single(journal, e => e == ("merge", "Completed"));
        Assert.DoesNotContain(journal, e => e.ActivityId == (expected == "big" ? "setSmall" : "setBig"));
    }

    [Fact]
    public async Task A_wait_all_join_waits_for_every_live_branch()
    {
        var instance = await fixture.RunAsync(Flowchart("waitall",
            [Start(), Fork("fork", "A", "B"), OfficeTask("asl", "asl-commissione", "Parere favorevole"), OfficeTask("comune", "comune-servizi-sociali", "Istruttoria completata"), Join("join", "WaitAll"), End()],
            [("start", "Done", "fork"), ("fork", "A", "asl"), ("fork", "B", "comune"), ("asl", "Parere favorevole", "join"), ("comune", "Istruttoria completata", "join"), ("join", "Done", "end")]));
        Assert.Equal(2, instance.Bookmarks.Count);

        instance = await fixture.ResumeAsync(instance, "asl", new JsonObject { ["outcome"] = "Parere favorevole" });
        Assert.Equal(WorkflowSubStatus.Suspended, instance.SubStatus);
        Assert.Single(instance.Bookmarks);

        instance = await fixture.ResumeAsync(instance, "comune");
        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        Assert.Single(await fixture.JournalAsync(instance.Id), e => e == ("join", "Completed"));
    }

    [Fact]
    public async Task A_wait_any_join_continues_on_the_first_branch_and_cancels_the_others()
    {
        var instance = await fixture.RunAsync(Flowchart("waitany",
            [Start(), Fork("fork", "A", "B"), OfficeTask("first", "ufficio-a", "Fatto"), OfficeTask("second", "ufficio-b", "Fatto"), Join("join", "WaitAny"), OfficeTask("after", "ufficio-c", "Fatto"), End()],
            [("start", "Done", "fork"), ("fork", "A", "first"), ("fork", "B", "second"), ("first", "Fatto", "join"), ("second", "Fatto", "join"), ("join", "Done", "after"), ("after", "Fatto", "end")]));

        instance = await fixture.ResumeAsync(instance, "second");

        var waiting = Assert.Single(instance.Bookmarks);
        Assert.Equal("after", waiting.ActivityId);
        var journal = await fixture.JournalAsync(instance.Id);
        Assert.Contains(("first", "Cancelled"), journal);
        Assert.Single(journal, e => e == ("join", "Completed"));

        instance = await fixture.ResumeAsync(instance, "after");
        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
    }

    [Fact]
    public async Task An_implicit_merge_after_a_fork_waits_for_both_branches()
    {
        var instance = await fixture.RunAsync(Flowchart("implicit",
            [Start(), Fork("fork", "A", "B"), OfficeTask("a", "ufficio-a", "Fatto"), OfficeTask("b", "ufficio-b", "Fatto"), Activity("merge", "Elsa.WriteLine", ("text", Literal("insieme"))), End()],
            [("start", "Done", "fork"), ("fork", "A", "a"), ("fork", "B", "b"), ("a", "Fatto", "merge"), ("b", "Fatto", "merge"), ("merge", "Done", "end")]));

        instance = await fixture.ResumeAsync(instance, "a");
        Assert.DoesNotContain(await fixture.JournalAsync(instance.Id), e => e.ActivityId == "merge");

        instance = await fixture.ResumeAsync(instance, "b");
        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        Assert.Single(await fixture.JournalAsync(instance.Id), e => e == ("merge", "Completed"));
    }

    [Fact]
    public async Task A_backward_connection_loops_until_the_decision_leaves()
    {
        var instance = await fixture.RunAsync(Flowchart("loop",
            [
                Start(),
                SetVariable("init", "n", Literal(0, "Int32")),
                SetVariable("increment", "n", Js("getVariable('n') + 1")),
                Decision("again", "getVariable('n') < 3"),
                End(),
            ],
            [("start", "Done", "init"), ("init", "Done", "increment"), ("increment", "Done", "again"), ("again", "True", "increment"), ("again", "False", "end")],
            "n"));

        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        Assert.Equal(3, instance.Variables["n"]!.GetValue<long>());
        Assert.Equal(3, (await fixture.JournalAsync(instance.Id)).Count(e => e == ("increment", "Completed")));
    }

    [Fact]
    public async Task A_terminal_end_completes_the_flowchart_and_cancels_branches_still_waiting()
    {
        var instance = await fixture.RunAsync(Flowchart("terminal",
            [Start(), Fork("fork", "A", "B"), OfficeTask("waits", "ufficio-a", "Fatto"), End()],
            [("start", "Done", "fork"), ("fork", "A", "waits"), ("fork", "B", "end")]));

        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        Assert.Empty(instance.Bookmarks);
        Assert.Contains(("waits", "Cancelled"), await fixture.JournalAsync(instance.Id));
    }

    [Theory]
    [InlineData("Lavoro", "dipendente")]
    [InlineData("Studio", "studente")]
    [InlineData("Altro", "Default")]
    public async Task A_switch_takes_the_first_matching_case_or_default(string kind, string expected)
    {
        var flowSwitch = Activity("kind", "Elsa.FlowSwitch",
            ("cases", new JsonArray(
                new JsonObject { ["label"] = "dipendente", ["condition"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "getInput('kind') == 'Lavoro'" } },
                new JsonObject { ["label"] = "studente", ["condition"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "getInput('kind') == 'Studio'" } })),
            ("mode", Literal("MatchFirst")));
        var instance = await fixture.RunAsync(Flowchart("switch",
            [Start(), flowSwitch, SetVariable("d", "path", Literal("dipendente")), SetVariable("s", "path", Literal("studente")), SetVariable("o", "path", Literal("Default"))],
            [("start", "Done", "kind"), ("kind", "dipendente", "d"), ("kind", "studente", "s"), ("kind", "Default", "o")],
            "path"), new JsonObject { ["kind"] = kind });

        Assert.Equal(expected, instance.Variables["path"]!.GetValue<string>());
        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
    }
}
