using CaseFlow.Workflows.ElsaApi.Protection;
using Npgsql;

namespace CaseFlow.Cases.CaseFile;

/// <summary>The desk's answer to the engine: an instance that runs a case's procedure is protected.</summary>
internal sealed class CaseInstances(NpgsqlDataSource dataSource) : IProtectedInstances
{
    public async Task<IReadOnlySet<string>> ProtectedAsync(IReadOnlyCollection<string> instanceIds, CancellationToken ct)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (instanceIds.Count == 0)
        {
            return found;
        }

        await using var command = dataSource.CreateCommand("SELECT instance_id FROM case_procedures WHERE instance_id = ANY(@ids)");
        command.Parameters.AddWithValue("ids", instanceIds.Distinct().ToArray());
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            found.Add(reader.GetString(0));
        }

        return found;
    }
}
