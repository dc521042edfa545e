using Npgsql;

namespace CaseFlow.Workflows.ElsaApi.Protection;

/// <summary>
/// A child instance (a sub-procedure) belongs to its root: it is protected when its root is, so a designer cannot move
/// a case's sub-procedure either. The owner is asked about roots only.
/// </summary>
internal static class InstanceRoots
{
    public static async Task<IReadOnlySet<string>> ProtectedAsync(NpgsqlDataSource dataSource, IProtectedInstances owner, IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var roots = ids.Distinct().ToDictionary(id => id, id => id, StringComparer.Ordinal);
        await using (var command = dataSource.CreateCommand("SELECT id, root_instance_id FROM workflow_instances WHERE id = ANY(@ids) AND root_instance_id IS NOT NULL"))
        {
            command.Parameters.AddWithValue("ids", roots.Keys.ToArray());
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                roots[reader.GetString(0)] = reader.GetString(1);
            }
        }

        var guarded = await owner.ProtectedAsync([.. roots.Values.Distinct()], ct);
        return roots.Where(p => guarded.Contains(p.Value)).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
    }
}
