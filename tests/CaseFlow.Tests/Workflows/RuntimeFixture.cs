using System.Text.Json.Nodes;
using CaseFlow.Tests.Infrastructure;
using CaseFlow.Workflows.Definitions;
using CaseFlow.Workflows.Runtime;
using CaseFlow.Workflows.Timers;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CaseFlow.Tests.Workflows;

/// <summary>A host on a fresh database, with direct access to the runtime's services.</summary>
public class RuntimeFixture : AppFixture
{
    public DefinitionStore Definitions => App.Services.GetRequiredService<DefinitionStore>();

    public WorkflowRuntime Runtime => App.Services.GetRequiredService<WorkflowRuntime>();

    public TimerSweeper Sweeper => App.Services.GetRequiredService<TimerSweeper>();

    /// <summary>Publishes a definition under a unique id (tests share the class's database) and starts an instance.</summary>
    public async Task<InstanceSnapshot> RunAsync(JsonObject definition, JsonObject? input = null)
    {
        var published = await PublishAsync(definition);
        return await Runtime.StartAsync(new StartWorkflow(published.DefinitionId, Input: input), CancellationToken.None);
    }

    public async Task<WorkflowDefinition> PublishAsync(JsonObject definition)
    {
        definition = (JsonObject)definition.DeepClone();
        definition["definitionId"] = $"{definition["definitionId"]}-{Guid.NewGuid():N}"[..Math.Min(40, definition["definitionId"]!.GetValue<string>().Length + 33)];
        return await Definitions.SaveAsync(definition, publish: true, "test", CancellationToken.None);
    }

    public Task<InstanceSnapshot> ResumeAsync(InstanceSnapshot instance, string activityId, JsonObject? input = null) =>
        Runtime.ResumeAsync(instance.Id, instance.Bookmarks.Single(b => b.ActivityId == activityId && b.DueAt is null).Id, input, CancellationToken.None);

    public async Task<List<(string ActivityId, string Event)>> JournalAsync(string instanceId)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT activity_id, event_name FROM workflow_journal WHERE instance_id = @id ORDER BY id", connection);
        command.Parameters.AddWithValue("id", instanceId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }

    public async Task<T?> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var result = await command.ExecuteScalarAsync();
        return result is DBNull or null ? default : (T)result;
    }
}
