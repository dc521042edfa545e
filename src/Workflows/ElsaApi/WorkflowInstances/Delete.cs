using System.Security.Claims;
using CaseFlow.ServiceDefaults.Http;
using CaseFlow.Workflows.ElsaApi.Protection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace CaseFlow.Workflows.ElsaApi.WorkflowInstances;

/// <summary>
/// DELETE /workflow-instances/{id}: removes an instance and its bookmarks, timers and history; 403 for a designer on an
/// instance that carries a case, 409 while other records (a case) still point at it.
/// </summary>
internal static class Delete
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapDelete("/workflow-instances/{id}", Handle).WithName("ElsaDeleteWorkflowInstance");

    private static async Task<IResult> Handle(string id, ClaimsPrincipal user, InstanceGuard guard, NpgsqlDataSource db, CancellationToken ct)
    {
        if (await guard.RefuseAsync(user, id, ct) is { } refused)
        {
            return refused;
        }

        await using var command = db.CreateCommand("DELETE FROM workflow_instances WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        try
        {
            return await command.ExecuteNonQueryAsync(ct) == 0 ? Problems.NotFound("id", $"No workflow instance '{id}'.") : Results.NoContent();
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            return ElsaErrors.Conflict("id", $"Instance {id} is still referenced ({ex.TableName}); close what refers to it first.");
        }
    }
}
