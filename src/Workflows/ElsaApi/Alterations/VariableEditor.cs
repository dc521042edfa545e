using System.Text.Json.Nodes;
using CaseFlow.Workflows.Definitions;
using CaseFlow.Workflows.Runtime;
using Npgsql;
using NpgsqlTypes;

namespace CaseFlow.Workflows.ElsaApi.Alterations;

/// <summary>
/// The ModifyVariable alteration: sets one variable of a waiting or faulted instance under the same row lock the
/// runtime takes, so it never races a step.
/// </summary>
internal sealed class VariableEditor(NpgsqlDataSource db, DefinitionStore definitions, TimeProvider clock)
{
    /// <summary>Returns the variable's name; <paramref name="variableId"/> may be the declared id or the name.</summary>
    public async Task<string> SetAsync(string instanceId, string variableId, JsonNode? value, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        string versionId, status, subStatus;
        await using (var select = new NpgsqlCommand("SELECT definition_version_id, status, sub_status FROM workflow_instances WHERE id = @id FOR UPDATE", connection, transaction))
        {
            select.Parameters.AddWithValue("id", instanceId);
            await using var reader = await select.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
            {
                throw new WorkflowNotFoundException($"No workflow instance '{instanceId}'.");
            }

            (versionId, status, subStatus) = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
        }

        // A faulted instance counts as finished but is exactly the one worth fixing before a retry.
        if (status == WorkflowStatus.Finished && subStatus != WorkflowSubStatus.Faulted)
        {
            throw new InstanceStateConflictException($"Instance {instanceId} is finished; its variables no longer change.");
        }

        var declared = (await definitions.FindByIdAsync(versionId, ct))?.Variables ?? [];
        var variable = declared.FirstOrDefault(v => v.Id == variableId || v.Name == variableId)
                       ?? throw new ArgumentException($"The definition declares no variable '{variableId}'.");
        var name = variable.Name;
        try
        {
            value = Expressions.TypedValues.Convert(value, variable.TypeName, variable.IsArray);
        }
        catch (Expressions.ExpressionException ex)
        {
            throw new ArgumentException(ex.Message, ex);
        }

        await using var update = new NpgsqlCommand(
            "UPDATE workflow_instances SET state = jsonb_set(state, ARRAY['variables', @name], @value, true), updated_at = @now WHERE id = @id", connection, transaction);
        update.Parameters.AddWithValue("id", instanceId);
        update.Parameters.AddWithValue("name", name);
        update.Parameters.AddWithValue("value", NpgsqlDbType.Jsonb, value?.ToJsonString() ?? "null");
        update.Parameters.AddWithValue("now", clock.GetUtcNow());
        await update.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        return name;
    }
}
