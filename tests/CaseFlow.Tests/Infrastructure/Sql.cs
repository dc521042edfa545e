using Npgsql;

namespace CaseFlow.Tests.Infrastructure;

/// <summary>Reads a test database directly, outside any host: what process-level tests check after the hosts are gone.</summary>
public static class Sql
{
    public static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
