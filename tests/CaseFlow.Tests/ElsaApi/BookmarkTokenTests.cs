using System.Net;
using System.Text.Json.Nodes;
using static CaseFlow.Tests.Workflows.Def;

namespace CaseFlow.Tests.ElsaApi;

public class BookmarkTokenTests(ElsaApiFixture fixture) : IClassFixture<ElsaApiFixture>
{
    private async Task<string> StartWaitingAsync(bool onOfficeTask = false)
    {
        var model = onOfficeTask
            ? Flowchart(ElsaApiFixture.NewId("token"),
                [Start(), OfficeTask("parere", "asl-commissione", "Favorevole", "Contrario"), End()],
                [("start", "Done", "parere"), ("parere", "Favorevole", "end"), ("parere", "Contrario", "end")])
            : Flowchart(ElsaApiFixture.NewId("token"), [Start(), Delay("attesa", "01:00:00"), End()], [("start", "Done", "attesa"), ("attesa", "Done", "end")]);
        var saved = await fixture.Admin.SaveAsync(model, publish: true);
        var reply = await fixture.Admin.PostJsonAsync($"/workflow-definitions/{saved["definitionId"]}/execute", new JsonObject());
        return reply.Json["workflowState"]!["id"]!.GetValue<string>();
    }

    [Fact]
    public async Task A_bookmark_token_resumes_through_Elsas_anonymous_route_exactly_once()
    {
        var id = await StartWaitingAsync();
        var bookmarks = (await fixture.Admin.GetJsonAsync($"/workflow-instances/{id}/bookmarks")).Json["items"]!.AsArray();
        var resumeUrl = bookmarks.Single()!["resumeUrl"]!.GetValue<string>();
        var anonymous = fixture.App.CreateClient();

        var resumed = await anonymous.PostAsync(resumeUrl, new StringContent("""{"input":{}}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        Assert.Equal("Finished", (await fixture.Admin.GetJsonAsync($"/workflow-instances/{id}")).Json["subStatus"]!.GetValue<string>());

        var again = await anonymous.GetAsync(resumeUrl);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task An_office_task_cannot_be_completed_with_an_anonymous_token()
    {
        var id = await StartWaitingAsync(onOfficeTask: true);
        var resumeUrl = (await fixture.Admin.GetJsonAsync($"/workflow-instances/{id}/bookmarks")).Json["items"]!.AsArray().Single()!["resumeUrl"]!.GetValue<string>();

        var refused = await fixture.App.CreateClient().PostAsync(resumeUrl, new StringContent("""{"input":{"outcome":"Favorevole"}}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("Suspended", (await fixture.Admin.GetJsonAsync($"/workflow-instances/{id}")).Json["subStatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_forged_token_is_a_400_and_listing_tokens_needs_a_runner_role()
    {
        var id = await StartWaitingAsync();

        var forged = await fixture.App.CreateClient().GetAsync($"{ElsaApiFixture.Api}/bookmarks/resume?t=not-a-token");
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        var supervisor = await fixture.ClientAsync("supervisor");
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.GetJsonAsync($"/workflow-instances/{id}/bookmarks")).Status);
    }
}
