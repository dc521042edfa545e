using System.Net;
using System.Text.Json.Nodes;
using CaseFlow.Tests.Cases;
using CaseFlow.Tests.ElsaApi;
using Npgsql;
using static CaseFlow.Tests.Workflows.Def;

namespace CaseFlow.Tests.Security;

/// <summary>A save through /elsa/api can never take another definition's version, nor change a version cases run on.</summary>
public class DefinitionSaveRulesTests(CasesFixture fixture) : IClassFixture<CasesFixture>
{
    private CaseDesk Desk => fixture.Desk;

    private async Task<string> StoredAsync(string versionId) =>
        (await Desk.ScalarAsync<string>("SELECT definition_id || ' ' || document::text FROM workflow_definitions WHERE id = @id", ("id", versionId)))!;

    [Fact]
    public async Task Saving_another_definitions_model_under_a_new_definition_id_is_409_and_changes_nothing()
    {
        var designer = await Desk.Designer;
        var mensa = (await designer.GetJsonAsync("/workflow-definitions/by-definition-id/mensa-scolastica?versionOptions=Published")).Json;
        var versionId = mensa["id"]!.GetValue<string>();
        var before = await StoredAsync(versionId);
        var copy = (JsonObject)mensa.DeepClone();
        copy["definitionId"] = ElsaApiFixture.NewId("copia");

        var reply = await designer.PostJsonAsync("/workflow-definitions", new JsonObject { ["model"] = copy, ["publish"] = true });

        Assert.Equal(HttpStatusCode.Conflict, reply.Status);
        Assert.Equal("model.id", reply.Json["field"]!.GetValue<string>());
        Assert.Equal(before, await StoredAsync(versionId));
        Assert.Equal(0L, await Desk.ScalarAsync<long>("SELECT count(*) FROM workflow_definitions WHERE definition_id = @d", ("d", copy["definitionId"]!.GetValue<string>())));
        await Desk.StartAsync(CaseDesk.Application("mensa-scolastica", new JsonObject { ["richiestaRiduzione"] = false }));
    }

    [Fact]
    public async Task A_generated_version_id_never_takes_an_id_another_definition_already_holds()
    {
        var designer = await Desk.Designer;
        var taken = ElsaApiFixture.NewId("altra");
        // The first definition keeps the id its model gave, which happens to look like the second one's generated id.
        var first = Flowchart(ElsaApiFixture.NewId("prima"), [Start(), End()], [("start", "Done", "end")]);
        first["id"] = $"{taken}-v1";
        await designer.SaveAsync(first, publish: true);
        var before = await StoredAsync($"{taken}-v1");

        var second = await designer.SaveAsync(Flowchart(taken, [Start(), End()], [("start", "Done", "end")]), publish: true);

        Assert.NotEqual($"{taken}-v1", second["id"]!.GetValue<string>());
        Assert.Equal(taken, second["definitionId"]!.GetValue<string>());
        Assert.Equal(before, await StoredAsync($"{taken}-v1"));
    }

    [Fact]
    public async Task The_database_refuses_to_change_a_version_that_a_case_runs_on_or_to_move_it_to_another_definition()
    {
        await Desk.StartAsync(CaseDesk.Application("cambio-residenza"));
        var versionId = (await Desk.ScalarAsync<string>(
            "SELECT definition_version_id FROM workflow_instances WHERE definition_id = 'cambio-residenza' LIMIT 1"))!;

        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        async Task<PostgresException> Refused(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("id", versionId);
            return await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        }

        await Refused("UPDATE workflow_definitions SET document = jsonb_set(document, '{name}', '\"altro\"') WHERE id = @id");
        await Refused("UPDATE workflow_definitions SET definition_id = 'altro' WHERE id = @id");
        await using var flags = new NpgsqlCommand("UPDATE workflow_definitions SET document = jsonb_set(document, '{isLatest}', 'true') WHERE id = @id", connection);
        flags.Parameters.AddWithValue("id", versionId);
        Assert.Equal(1, await flags.ExecuteNonQueryAsync()); // the store's own flags still move
    }
}
