using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;

namespace CaseFlow.Cases;

/// <summary>Explicit SQL with named parameters, in the caller's transaction; JSON nodes go in as jsonb.</summary>
internal static class Db
{
    public static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            if (value is JsonNode json)
            {
                command.Parameters.AddWithValue(name, NpgsqlDbType.Jsonb, json.ToJsonString());
            }
            else if (value is DateTimeOffset instant)
            {
                // timestamptz takes UTC only; due dates are computed in Rome time.
                command.Parameters.AddWithValue(name, instant.ToUniversalTime());
            }
            else
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }
        }

        return command;
    }

    public static async Task<int> ExecAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken ct, params (string, object?)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task<T?> ScalarAsync<T>(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken ct, params (string, object?)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        var value = await command.ExecuteScalarAsync(ct);
        return value is null or DBNull ? default : (T)value;
    }

    /// <summary>Rows as JSON objects (one column <c>row_to_json</c>-style: the query selects a single json column).</summary>
    public static async Task<List<JsonObject>> JsonRowsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken ct, params (string, object?)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<JsonObject>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(JsonNode.Parse(reader.GetString(0))!.AsObject());
        }

        return rows;
    }
}
