using System.Text.Json.Nodes;
using CaseFlow.Workflows.Definitions;
using CaseFlow.Workflows.Runtime;
using static CaseFlow.Tests.Workflows.Def;

namespace CaseFlow.Tests.Workflows;

public class DurabilityTests(RuntimeFixture fixture) : IClassFixture<RuntimeFixture>
{
    [Fact]
    public async Task Fifty_parallel_resumes_of_one_bookmark_let_exactly_one_win()
    {
        var instance = await fixture.RunAsync(Flowchart("race", [Start(), OfficeTask("check", "ufficio-a", "Fatto"), End()], [("start", "Done", "check"), ("check", "Fatto", "end")]));
        var bookmark = Assert.Single(instance.Bookmarks);

        var attempts = Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            try
            {
                await fixture.Runtime.ResumeAsync(instance.Id, bookmark.Id, new JsonObject { ["outcome"] = "Fatto" }, CancellationToken.None);
                return true;
            }
            catch (BookmarkNotFoundException)
            {
                return false;
            }
        }));
        var results = await Task.WhenAll(attempts);

        Assert.Equal(1, results.Count(won => won));
        Assert.Equal(1L, await fixture.ScalarAsync<long>(
            "SELECT count(*) FROM workflow_journal WHERE instance_id = @id AND activity_id = 'check' AND event_name = 'Completed'", ("id", instance.Id)));
        Assert.Equal("Finished", await fixture.ScalarAsync<string>("SELECT sub_status FROM workflow_instances WHERE id = @id", ("id", instance.Id)));
    }

    [Fact]
    public async Task A_refused_outcome_changes_nothing()
    {
        var instance = await fixture.RunAsync(Flowchart("refused", [Start(), OfficeTask("check", "ufficio-a", "Approvato", "Respinto"), End()],
            [("start", "Done", "check"), ("check", "Approvato", "end"), ("check", "Respinto", "end")]));
        var journalBefore = await fixture.JournalAsync(instance.Id);

        var refusal = await Assert.ThrowsAsync<ResumeRejectedException>(() => fixture.ResumeAsync(instance, "check", new JsonObject { ["outcome"] = "Forse" }));

        Assert.Equal("outcome", refusal.Field);
        Assert.Equal(journalBefore, await fixture.JournalAsync(instance.Id));
        Assert.Equal(1L, await fixture.ScalarAsync<long>("SELECT count(*) FROM workflow_bookmarks WHERE instance_id = @id", ("id", instance.Id)));
    }

    [Fact]
    public async Task A_fault_records_an_incident_and_a_retry_runs_the_failed_activity_again()
    {
        const string flaky = "var n = (getVariable('attempts') || 0) + 1; setVariable('attempts', n); if (n < 2) throw new Error('archivio non raggiungibile'); true";
        var instance = await fixture.RunAsync(Flowchart("flaky", [Start(), Decision("call", flaky), End()], [("start", "Done", "call"), ("call", "True", "end")], "attempts"));

        Assert.Equal(WorkflowSubStatus.Faulted, instance.SubStatus);
        Assert.Contains("archivio non raggiungibile", await fixture.ScalarAsync<string>("SELECT message FROM workflow_incidents WHERE instance_id = @id", ("id", instance.Id)));

        var retried = await fixture.Runtime.RetryAsync(instance.Id, CancellationToken.None);

        Assert.Equal(WorkflowSubStatus.Finished, retried.SubStatus);
        Assert.Equal(2, retried.Variables["attempts"]!.GetValue<long>());
        Assert.Equal(0L, await fixture.ScalarAsync<long>("SELECT count(*) FROM workflow_incidents WHERE instance_id = @id AND resolved_at IS NULL", ("id", instance.Id)));
    }

    [Fact]
    public async Task A_runaway_script_faults_its_instance_not_the_host()
    {
        var instance = await fixture.RunAsync(Flowchart("runaway", [Start(), Decision("loop", "while (true) {} ")], [("start", "Done", "loop")]));

        Assert.Equal(WorkflowSubStatus.Faulted, instance.SubStatus);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await fixture.App.CreateClient().GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task Retrying_an_instance_that_is_not_faulted_is_a_conflict()
    {
        var instance = await fixture.RunAsync(Flowchart("ok", [Start(), End()], [("start", "Done", "end")]));
        await Assert.ThrowsAsync<InstanceStateConflictException>(() => fixture.Runtime.RetryAsync(instance.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Cancelling_removes_every_bookmark_and_timer()
    {
        var instance = await fixture.RunAsync(Flowchart("cancel", [Start(), Fork("fork", "A", "B"), OfficeTask("a", "ufficio-a", "Fatto"), Delay("wait", "01:00:00")],
            [("start", "Done", "fork"), ("fork", "A", "a"), ("fork", "B", "wait")]));
        Assert.Equal(2, instance.Bookmarks.Count);

        var cancelled = await fixture.Runtime.CancelAsync(instance.Id, CancellationToken.None);

        Assert.Equal(WorkflowSubStatus.Cancelled, cancelled.SubStatus);
        Assert.Empty(cancelled.Bookmarks);
        Assert.Equal(0L, await fixture.ScalarAsync<long>("SELECT count(*) FROM workflow_timers WHERE instance_id = @id", ("id", instance.Id)));
    }

    [Fact]
    public async Task A_running_instance_stays_on_its_version_when_a_new_one_is_published()
    {
        var v1 = await fixture.PublishAsync(Flowchart("versions", [Start(), OfficeTask("check", "ufficio-a", "Fatto"), SetVariable("mark", "version", Literal("uno"))],
            [("start", "Done", "check"), ("check", "Fatto", "mark")], "version"));
        var running = await fixture.Runtime.StartAsync(new StartWorkflow(v1.DefinitionId), CancellationToken.None);

        var model = (JsonObject)v1.Document.DeepClone();
        var mark = model["root"]!["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == "mark")!;
        mark["value"] = Literal("due");
        var v2 = await fixture.Definitions.SaveAsync(model, publish: true, "test", CancellationToken.None);
        var fresh = await fixture.Runtime.StartAsync(new StartWorkflow(v1.DefinitionId), CancellationToken.None);

        Assert.Equal(2, v2.Version);
        Assert.Equal(v1.Id, running.DefinitionVersionId);
        Assert.Equal(v2.Id, fresh.DefinitionVersionId);
        Assert.Equal("uno", (await fixture.ResumeAsync(running, "check")).Variables["version"]!.GetValue<string>());
        Assert.Equal("due", (await fixture.ResumeAsync(fresh, "check")).Variables["version"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unpublished_definition_cannot_start_an_instance()
    {
        var draft = Flowchart("draft-only", [Start(), End()], [("start", "Done", "end")]);
        draft["definitionId"] = $"draft-{Guid.NewGuid():N}";
        await fixture.Definitions.SaveAsync(draft, publish: false, "test", CancellationToken.None);

        await Assert.ThrowsAsync<WorkflowNotFoundException>(() =>
            fixture.Runtime.StartAsync(new StartWorkflow(draft["definitionId"]!.GetValue<string>()), CancellationToken.None));
    }

    [Fact]
    public async Task Saving_a_published_definition_creates_a_draft_version_and_saving_the_draft_updates_it()
    {
        var v1 = await fixture.PublishAsync(Flowchart("drafts", [Start(), End()], [("start", "Done", "end")]));
        var draft = await fixture.Definitions.SaveAsync(v1.Document, publish: false, "test", CancellationToken.None);
        var again = await fixture.Definitions.SaveAsync(draft.Document, publish: false, "test", CancellationToken.None);

        Assert.Equal(2, draft.Version);
        Assert.False(draft.IsPublished);
        Assert.Equal(draft.Id, again.Id);
        var published = await fixture.Definitions.FindAsync(v1.DefinitionId, VersionOptions.Published, CancellationToken.None);
        Assert.Equal(1, published!.Version);
    }
}
