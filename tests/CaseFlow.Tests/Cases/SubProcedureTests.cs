using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CaseFlow.Workflows.Definitions;
using Microsoft.Extensions.DependencyInjection;
using static CaseFlow.Tests.Workflows.Def;

namespace CaseFlow.Tests.Cases;

/// <summary>
/// A procedure whose ASL step is a reusable sub-procedure (a definition placed as an activity): the case sees the
/// child instance's office task as its own, and completing it resumes the parent.
/// </summary>
public class SubProcedureTests(CasesFixture fixture) : IClassFixture<CasesFixture>
{
    private CaseDesk Desk => fixture.Desk;

    private DefinitionStore Definitions => fixture.App.Services.GetRequiredService<DefinitionStore>();

    /// <summary>The shipped contrassegno-disabili, under a new id, with its ASL check moved into a reusable definition.</summary>
    private async Task<string> PublishWithSubProcedureAsync()
    {
        var shipped = (await Definitions.FindAsync("contrassegno-disabili", VersionOptions.Published, CancellationToken.None))!;
        var root = shipped.Document["root"]!.AsObject();
        var check = root["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == "accertamento")!.AsObject();

        var childModel = Flowchart("accertamento-asl-test",
            [Start(), (JsonObject)check.DeepClone(),
                Activity("ok", "Elsa.Complete", ("outcomes", Expression("Object", "[\"Certificato rilasciato\"]"))),
                Activity("ko", "Elsa.Complete", ("outcomes", Expression("Object", "[\"Requisiti sanitari non presenti\"]")))],
            [("start", "Done", "accertamento"), ("accertamento", "Certificato rilasciato", "ok"), ("accertamento", "Requisiti sanitari non presenti", "ko")]);
        childModel["outcomes"] = new JsonArray("Certificato rilasciato", "Requisiti sanitari non presenti");
        childModel["options"] = new JsonObject { ["usableAsActivity"] = true };
        var child = await Definitions.SaveAsync(childModel, publish: true, "test", CancellationToken.None);

        var model = (JsonObject)shipped.Document.DeepClone();
        model["definitionId"] = "contrassegno-con-sotto-procedimento";
        model.Remove("id");
        var activities = model["root"]!["activities"]!.AsArray();
        var index = activities.Select((a, i) => (a, i)).Single(p => p.a!["id"]!.GetValue<string>() == "accertamento").i;
        var placed = Activity("accertamento", "AccertamentoAslTest");
        placed["workflowDefinitionId"] = child.DefinitionId;
        placed["workflowDefinitionVersionId"] = child.Id;
        placed["latestAvailablePublishedVersion"] = child.Version;
        placed["latestAvailablePublishedVersionId"] = child.Id;
        activities[index] = placed;
        return (await Definitions.SaveAsync(model, publish: true, "test", CancellationToken.None)).DefinitionId;
    }

    [Fact]
    public async Task The_sub_procedures_ASL_task_is_in_the_ASL_queue_for_the_case_and_completing_it_resumes_the_parent_to_the_final_act()
    {
        var procedureId = await PublishWithSubProcedureAsync();
        var started = await Desk.StartAsync(CaseDesk.Application(procedureId, CaseDesk.SampleForm("contrassegno-disabili")));
        var caseId = started["caseId"]!.GetValue<string>();

        // The ASL's task is the case's current step, in the ASL's queue, although a child instance holds it.
        var step = await Desk.CurrentStepAsync(caseId);
        Assert.Equal("asl-commissione", step["office"]!.GetValue<string>());
        var taskInstance = await Desk.ScalarAsync<string>("SELECT instance_id FROM case_tasks WHERE id = @id", ("id", Guid.Parse(step["taskId"]!.GetValue<string>())));
        var procedureInstance = await Desk.ScalarAsync<string>("SELECT instance_id FROM case_procedures WHERE case_id = @id", ("id", Guid.Parse(caseId)));
        Assert.NotEqual(procedureInstance, taskInstance);
        Assert.Equal(procedureInstance, await Desk.ScalarAsync<string>("SELECT parent_instance_id FROM workflow_instances WHERE id = @id", ("id", taskInstance!)));

        await Desk.CompleteCurrentAsync(caseId, "asl-commissione", "Certificato rilasciato");

        // The parent went on on the sub-procedure's outcome: the next step is the municipal police's, and the case is still open.
        var next = await Desk.CurrentStepAsync(caseId);
        Assert.Equal("comune-polizia-locale", next["office"]!.GetValue<string>());
        Assert.Equal("open", (await Desk.CaseAsync(caseId))["status"]!.GetValue<string>());

        await Desk.CompleteCurrentAsync(caseId, "comune-polizia-locale", "Contrassegno emesso");
        var closed = await Desk.CaseAsync(caseId);
        Assert.Equal("closed", closed["status"]!.GetValue<string>());
        var only = Assert.Single(closed["procedures"]!.AsArray())!;
        Assert.Equal("granted", only["status"]!.GetValue<string>());
        Assert.Equal(2, only["steps"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_designer_cannot_move_a_cases_sub_procedure_through_the_Elsa_API()
    {
        var procedureId = await PublishWithSubProcedureAsync();
        var caseId = (await Desk.StartAsync(CaseDesk.Application(procedureId, CaseDesk.SampleForm("contrassegno-disabili"))))["caseId"]!.GetValue<string>();
        var step = await Desk.CurrentStepAsync(caseId);
        var child = await Desk.ScalarAsync<string>("SELECT instance_id FROM case_tasks WHERE id = @id", ("id", Guid.Parse(step["taskId"]!.GetValue<string>())));

        var response = await (await Desk.Designer).PostAsync($"/elsa/api/workflow-instances/{child}/cancel", null);

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("open", await Desk.ScalarAsync<string>("SELECT status FROM case_tasks WHERE id = @id", ("id", Guid.Parse(step["taskId"]!.GetValue<string>()))));
    }

    [Fact]
    public async Task The_shipped_elderly_support_procedure_asks_its_ASL_opinion_through_the_reusable_parere_asl_sub_procedure()
    {
        var reusable = await Definitions.FindAsync("parere-asl", VersionOptions.Published, CancellationToken.None);
        Assert.NotNull(reusable);
        Assert.True(reusable.Document["options"]!["usableAsActivity"]!.GetValue<bool>());
        var caseId = (await Desk.StartAsync(CaseDesk.Application("contributo-anziani", new JsonObject { ["iseeEuro"] = 11200 })))["caseId"]!.GetValue<string>();
        await Desk.CompleteCurrentAsync(caseId, "comune-servizi-sociali", "Completa");

        var step = await Desk.CurrentStepAsync(caseId);
        Assert.Equal("asl-valutazione-multidimensionale", step["office"]!.GetValue<string>());
        Assert.Equal("P20D", await Desk.ScalarAsync<string>("SELECT term FROM case_tasks WHERE id = @id", ("id", Guid.Parse(step["taskId"]!.GetValue<string>()))));
        var holder = await Desk.ScalarAsync<string>("""
            SELECT i.definition_id FROM case_tasks t JOIN workflow_instances i ON i.id = t.instance_id WHERE t.id = @id
            """, ("id", Guid.Parse(step["taskId"]!.GetValue<string>())));
        Assert.Equal("parere-asl", holder);

        await Desk.CompleteCurrentAsync(caseId, "asl-valutazione-multidimensionale", "Parere sfavorevole");

        var closed = await Desk.CaseAsync(caseId);
        Assert.Equal("closed", closed["status"]!.GetValue<string>());
        Assert.Equal("denied", Assert.Single(closed["procedures"]!.AsArray())!["status"]!.GetValue<string>());
    }

    private async Task<List<JsonObject>> CurrentStepsAsync(string caseId) =>
        (await Desk.CaseAsync(caseId))["procedures"]!.AsArray().SelectMany(p => p!["currentSteps"]!.AsArray()).Select(s => s!.AsObject()).ToList();

    /// <summary>The definition of the instance that holds the step's task, and that instance's parent.</summary>
    private async Task<(string? Definition, string? Parent)> HolderAsync(JsonObject step)
    {
        var id = Guid.Parse(step["taskId"]!.GetValue<string>());
        return (await Desk.ScalarAsync<string>("SELECT i.definition_id FROM case_tasks t JOIN workflow_instances i ON i.id = t.instance_id WHERE t.id = @id", ("id", id)),
            await Desk.ScalarAsync<string>("SELECT i.parent_instance_id FROM case_tasks t JOIN workflow_instances i ON i.id = t.instance_id WHERE t.id = @id", ("id", id)));
    }

    private async Task CompleteAsync(string caseId, string office, string outcome)
    {
        var step = Assert.Single(await CurrentStepsAsync(caseId), s => s["office"]!.GetValue<string>() == office);
        var response = await (await Desk.Officer(office)).PostAsJsonAsync($"/api/tasks/{step["taskId"]}/complete", new { outcome, note = "Verificato." });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<string> ElderlyCaseNeedingBothOpinionsAsync()
    {
        var caseId = (await Desk.StartAsync(CaseDesk.Application("contributo-anziani", new JsonObject { ["iseeEuro"] = 11200, ["nonAutosufficiente"] = true })))["caseId"]!.GetValue<string>();
        await Desk.CompleteCurrentAsync(caseId, "comune-servizi-sociali", "Completa");
        return caseId;
    }

    [Fact]
    public async Task The_elderly_support_procedure_asks_both_ASL_offices_at_once_through_parere_asl_and_goes_on_only_when_both_have_answered()
    {
        var caseId = await ElderlyCaseNeedingBothOpinionsAsync();
        var procedureInstance = await Desk.ScalarAsync<string>("SELECT instance_id FROM case_procedures WHERE case_id = @id", ("id", Guid.Parse(caseId)));

        // Two open steps of the one procedure, each in its ASL office's queue, each held by its own parere-asl child of the procedure's instance.
        var steps = await CurrentStepsAsync(caseId);
        Assert.Equal(["asl-commissione", "asl-valutazione-multidimensionale"], steps.Select(s => s["office"]!.GetValue<string>()).Order().ToArray());
        foreach (var step in steps)
        {
            Assert.Equal(("parere-asl", procedureInstance), await HolderAsync(step));
        }

        Assert.Contains("non autosufficienza", steps.Single(s => s["office"]!.GetValue<string>() == "asl-commissione")["title"]!.GetValue<string>());

        await CompleteAsync(caseId, "asl-commissione", "Parere favorevole");

        // Joined: one answer is not enough, the other office's step is still the only one open.
        Assert.Equal("asl-valutazione-multidimensionale", Assert.Single(await CurrentStepsAsync(caseId))["office"]!.GetValue<string>());
        Assert.Equal("open", (await Desk.CaseAsync(caseId))["status"]!.GetValue<string>());

        await CompleteAsync(caseId, "asl-valutazione-multidimensionale", "Parere favorevole");
        await Desk.CompleteCurrentAsync(caseId, "comune-servizi-sociali", "Determina adottata");

        var closed = await Desk.CaseAsync(caseId);
        Assert.Equal("closed", closed["status"]!.GetValue<string>());
        var only = Assert.Single(closed["procedures"]!.AsArray())!;
        Assert.Equal("granted", only["status"]!.GetValue<string>());
        Assert.Equal(4, only["steps"]!.AsArray().Count);
    }

    [Fact]
    public async Task One_unfavourable_opinion_of_the_parallel_ones_denies_the_contribution_once_every_office_has_answered()
    {
        var caseId = await ElderlyCaseNeedingBothOpinionsAsync();

        await CompleteAsync(caseId, "asl-valutazione-multidimensionale", "Parere sfavorevole");
        Assert.Equal("asl-commissione", Assert.Single(await CurrentStepsAsync(caseId))["office"]!.GetValue<string>());
        Assert.Equal("open", (await Desk.CaseAsync(caseId))["status"]!.GetValue<string>());

        await CompleteAsync(caseId, "asl-commissione", "Parere favorevole");

        var closed = await Desk.CaseAsync(caseId);
        Assert.Equal("closed", closed["status"]!.GetValue<string>());
        Assert.Equal("denied", Assert.Single(closed["procedures"]!.AsArray())!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_school_canteen_procedure_reuses_parere_asl_for_a_diet_for_health_reasons_and_not_for_other_diets()
    {
        var reused = (await Desk.StartAsync(CaseDesk.Application("mensa-scolastica", new JsonObject { ["dieta"] = "sanitaria" })))["caseId"]!.GetValue<string>();
        var ordinary = (await Desk.StartAsync(CaseDesk.Application("mensa-scolastica", new JsonObject { ["dieta"] = "etico-religiosa" })))["caseId"]!.GetValue<string>();
        await Desk.CompleteCurrentAsync(reused, "comune-servizi-scolastici", "Iscrizione ammissibile");
        await Desk.CompleteCurrentAsync(ordinary, "comune-servizi-scolastici", "Iscrizione ammissibile");

        var step = await Desk.CurrentStepAsync(reused);
        Assert.Equal("asl-igiene-nutrizione", step["office"]!.GetValue<string>());
        Assert.Equal("parere-asl", (await HolderAsync(step)).Definition);
        Assert.Equal("P10D", await Desk.ScalarAsync<string>("SELECT term FROM case_tasks WHERE id = @id", ("id", Guid.Parse(step["taskId"]!.GetValue<string>()))));
        Assert.Equal("closed", (await Desk.CaseAsync(ordinary))["status"]!.GetValue<string>());

        await Desk.CompleteCurrentAsync(reused, "asl-igiene-nutrizione", "Parere favorevole");

        var closed = await Desk.CaseAsync(reused);
        Assert.Equal("closed", closed["status"]!.GetValue<string>());
        var only = Assert.Single(closed["procedures"]!.AsArray())!;
        Assert.Equal("granted", only["status"]!.GetValue<string>());
        Assert.Equal(2, only["steps"]!.AsArray().Count);
    }
}
