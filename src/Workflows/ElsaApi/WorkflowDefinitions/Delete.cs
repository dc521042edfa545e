using CaseFlow.ServiceDefaults.Changes;
using CaseFlow.ServiceDefaults.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace CaseFlow.Workflows.ElsaApi.WorkflowDefinitions;

/// <summary>
/// DELETE /workflow-definitions/{definitionId}: every version goes, but only while no instance ever ran on it — an
/// instance's history must keep its definition (409 otherwise; retract instead).
/// </summary>
internal static class Delete
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapDelete("/workflow-definitions/{definitionId}", Handle).WithName("ElsaDeleteWorkflowDefinition");

    private static async Task<IResult> Handle(string definitionId, NpgsqlDataSource dataSource, ChangeFeed changes, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var command = new NpgsqlCommand("""
            SELECT pg_advisory_xact_lock(hashtext('definition:' || @d));
            SELECT (SELECT count(*) FROM workflow_definitions WHERE definition_id = @d),
                   (SELECT count(*) FROM workflow_instances WHERE definition_id = @d);
            """, connection, transaction);
        command.Parameters.AddWithValue("d", definitionId);
        long versions, instances;
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            await reader.NextResultAsync(ct);
            await reader.ReadAsync(ct);
            (versions, instances) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        if (versions == 0)
        {
            return Problems.NotFound("definitionId", $"No workflow definition '{definitionId}'.");
        }

        if (instances > 0)
        {
            return ElsaErrors.Conflict("definitionId", $"{instances} instance(s) ran on '{definitionId}'; retract it instead of deleting it.");
        }

        await using var delete = new NpgsqlCommand("DELETE FROM workflow_definitions WHERE definition_id = @d", connection, transaction);
        delete.Parameters.AddWithValue("d", definitionId);
        await delete.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        changes.Touch(Definitions.DefinitionStore.ChangeTopic);
        return Results.NoContent();
    }
}
