using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CaseFlow.Tests.Cases;

public class TaskTests(TaskTests.Fixture fixture) : IClassFixture<TaskTests.Fixture>
{
    /// <summary>"Due soon" wide enough that two working days are always inside it, whatever weekday the test runs.</summary>
    public sealed class Fixture : CasesFixture
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Cases:DueSoonDays"] = "10" };
    }

    private CaseDesk Desk => fixture.Desk;

    private async Task<(string CaseId, string TaskId)> StartResidenceAsync()
    {
        var caseId = (await Desk.StartAsync(CaseDesk.Application("cambio-residenza")))["caseId"]!.GetValue<string>();
        return (caseId, (await Desk.CurrentStepAsync(caseId))["taskId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Completing_a_task_twice_returns_409_and_changes_nothing()
    {
        var (caseId, taskId) = await StartResidenceAsync();
        var officer = await Desk.Officer("comune-anagrafe");

        var responses = await Task.WhenAll(
            officer.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "Registrata" }),
            officer.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "Registrata" }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        var view = await Desk.CaseAsync(caseId);
        var steps = view["procedures"]![0]!["steps"]!.AsArray();
        Assert.Equal(2, steps.Count); // the completed one and the single step its outcome led to
        var again = await officer.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "Registrata" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(2, (await Desk.CaseAsync(caseId))["procedures"]![0]!["steps"]!.AsArray().Count);
    }

    [Fact]
    public async Task An_outcome_the_task_does_not_offer_is_a_400_naming_outcome()
    {
        var (_, taskId) = await StartResidenceAsync();
        var response = await (await Desk.Officer("comune-anagrafe")).PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "Forse" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["outcome"]);
        Assert.Equal("open", await Desk.ScalarAsync<string>("SELECT status FROM case_tasks WHERE id = @id", ("id", Guid.Parse(taskId))));
    }

    [Fact]
    public async Task A_claimed_task_cannot_be_claimed_or_completed_by_a_colleague_until_released()
    {
        var (_, taskId) = await StartResidenceAsync();
        var anna = await Desk.Client("officer", "comune-anagrafe", "comune-protocollo");
        var bruno = await Desk.Officer("comune-anagrafe");

        Assert.Equal(HttpStatusCode.OK, (await anna.PostAsync($"/api/tasks/{taskId}/claim", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await bruno.PostAsync($"/api/tasks/{taskId}/claim", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await bruno.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "Registrata" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anna.PostAsync($"/api/tasks/{taskId}/release", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bruno.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "Registrata" })).StatusCode);
        Assert.True(await Desk.ScalarAsync<long>("SELECT count(*) FROM audit_trail WHERE entity = 'task' AND entity_id = @id", ("id", taskId)) >= 4);
    }

    [Fact]
    public async Task A_handed_off_task_moves_to_the_other_office_queue()
    {
        var (_, taskId) = await StartResidenceAsync();
        var anagrafe = await Desk.Officer("comune-anagrafe");
        // Without a reason the task stays where it is: the receiving office must know why it arrives.
        var unexplained = await anagrafe.PostAsJsonAsync($"/api/tasks/{taskId}/handoff", new { office = "comune-protocollo" });
        Assert.Equal(HttpStatusCode.BadRequest, unexplained.StatusCode);
        Assert.Contains("reason", await unexplained.Content.ReadAsStringAsync());
        Assert.Equal("comune-anagrafe", await Desk.ScalarAsync<string>("SELECT office FROM case_tasks WHERE id = @id", ("id", Guid.Parse(taskId))));

        var response = await anagrafe.PostAsJsonAsync($"/api/tasks/{taskId}/handoff", new { office = "comune-protocollo", reason = "Competenza dell'Ufficio Protocollo" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var queue = await (await Desk.Officer("comune-protocollo")).GetFromJsonAsync<JsonArray>("/api/offices/comune-protocollo/tasks");
        var task = Assert.Single(queue!, t => t!["taskId"]!.GetValue<string>() == taskId)!;
        Assert.False(task["overdue"]!.GetValue<bool>());
        Assert.True(task["dueSoon"]!.GetValue<bool>()); // two working days
        var unknown = await (await Desk.Supervisor).PostAsJsonAsync($"/api/tasks/{taskId}/handoff", new { office = "ufficio-inesistente", reason = "Prova" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }
}
